#!/usr/bin/env python3
"""A CLIP or SigLIP vision tower → a Tagforge embedder folder (ONNX).

    python3 clip.py --out DIR --images DIR transformers --model openai/clip-vit-base-patch32
    python3 clip.py --out DIR --images DIR torchvision --architecture resnet50

Writes DIR/model.onnx (pixel_values [B,3,224,224] → named outputs, dynamic batch), DIR/model.json (centre crop
after resizing the shorter side, bicubic, the model's mean/std, the output and pooling to read, L2-normalized)
and DIR/reference.json (the original model's features on the images, normalized).

Builders:
  transformers  CLIPVisionModelWithProjection (output image_embeds, 2-D) or SiglipVisionModel (pooler_output).
                Needs: transformers 4.37+ (SigLIP), torch 2.x, onnx 1.14+; the model's folder or hub id (read
                from the local cache; nothing is downloaded by Tagforge).
  torchvision   torchvision's architecture with random weights, its classifier removed (ResNet-50: 2048
                features): the same export path, for machines without the weights. Needs: torch 1.13+,
                torchvision 0.14+, onnx.
"""
import argparse
import os

import torch

import common


class Outputs(torch.nn.Module):
    """A model whose forward returns a dict or an object → a tuple of the named outputs, in order."""

    def __init__(self, model, names):
        super().__init__()
        self.model = model
        self.names = names

    def forward(self, pixel_values):
        out = self.model(pixel_values=pixel_values)
        return tuple(getattr(out, n) for n in self.names)


def transformers_builder(args):
    from transformers import AutoConfig, CLIPVisionModelWithProjection, SiglipVisionModel
    config = AutoConfig.from_pretrained(args.model)
    if "siglip" in config.model_type:
        model, name, mean, std = SiglipVisionModel.from_pretrained(args.model), "pooler_output", [0.5] * 3, [0.5] * 3
    else:
        model, name = CLIPVisionModelWithProjection.from_pretrained(args.model), "image_embeds"
        mean, std = common.CLIP_MEAN, common.CLIP_STD
    size = model.config.image_size
    return Outputs(model.eval(), [name]), [name], {"input_size": [size, size], "shortest_edge": size, "mean": mean,
                                                  "std": std, "interpolation": "bicubic"}


def torchvision_builder(args):
    import torchvision
    torch.manual_seed(args.seed)
    net = getattr(torchvision.models, args.architecture)(weights=None)
    net.fc = torch.nn.Identity()
    return net.eval(), ["features"], {"input_size": [224, 224], "shortest_edge": 256, "mean": common.IMAGENET_MEAN,
                                      "std": common.IMAGENET_STD, "interpolation": "bilinear"}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True)
    common.image_options(parser)
    parser.add_argument("--name")
    builders = parser.add_subparsers(dest="builder", required=True)
    tf = builders.add_parser("transformers")
    tf.add_argument("--model", required=True)
    tv = builders.add_parser("torchvision")
    tv.add_argument("--architecture", default="resnet50")
    tv.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    images = common.images(args)

    model, names, geometry = (transformers_builder if args.builder == "transformers" else torchvision_builder)(args)
    meta = {"task": "embedder", "engine": "OnnxRuntime", "name": args.name or os.path.basename(os.path.abspath(args.out)),
            "resize": "center-crop", "normalize": True}
    meta.update(geometry)
    batch = common.prepared_batch(images, meta)
    with torch.no_grad():
        outputs = model(batch)
    features = outputs[0] if isinstance(outputs, tuple) else outputs
    os.makedirs(args.out, exist_ok=True)
    torch.onnx.export(model, (batch[:1],), os.path.join(args.out, "model.onnx"), opset_version=14,
                      input_names=["pixel_values"], output_names=names,
                      dynamic_axes={"pixel_values": {0: "batch"}, **{n: {0: "batch"} for n in names}})
    meta["output"] = {"features": features.shape[-1], "name": names[0]}
    if features.dim() == 3:
        meta["output"]["pooling"] = "cls"
        features = features[:, 0]
    common.write_json(args.out, "model.json", meta)
    features = torch.nn.functional.normalize(features, dim=-1)
    common.write_reference(args.out, images, "features", features.tolist())
    print("wrote", args.out, "features", features.shape[-1])


if __name__ == "__main__":
    main()
