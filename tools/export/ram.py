#!/usr/bin/env python3
"""RAM, RAM++ or Tag2Text → a Tagforge tagger folder.

    python3 ram.py --out DIR --images DIR recognize-anything --variant ram --checkpoint ram_swin_large_14m.pth
    python3 ram.py --out DIR --images DIR torchvision --architecture swin_t --classes 4585 [--tag-lists ../../../shared/ram]

Writes DIR/model.pt (TorchScript: image [B,3,384,384] → sigmoid probabilities [B,N] in the model's tag order),
DIR/model.json, the tag lists ready for `./tagforge vocab import-ram DIR` (ram_tag_list.txt,
ram_tag_list_chinese.txt, ram_tag_list_threshold.txt; Tag2Text: its list for `vocab import-tag2text`) and
DIR/reference.json (the original model's probabilities on the images).

Builders (the part that differs; tracing, model.json and the reference are the same code):
  recognize-anything  the released checkpoints. Needs: recognize-anything 0.1 (github.com/xinyu1205/
                      recognize-anything, pip install git+...@main), its torch 1.x/2.x, timm 0.4.12,
                      transformers 4.25+ (its BERT); the checkpoint file (ram_swin_large_14m.pth,
                      ram_plus_swin_large_14m.pth or tag2text_swin_14m.pth).
  torchvision         torchvision's architecture with random weights and a linear head of --classes outputs:
                      the same export path on a model of the same size, for machines without the checkpoints.
                      Needs: torch 1.13+, torchvision 0.14+.
"""
import argparse
import os
import shutil

import torch

import common


class Probabilities(torch.nn.Module):
    """logits → sigmoid, the contract of a Tagforge tagger."""

    def __init__(self, logits):
        super().__init__()
        self.logits = logits

    def forward(self, image):
        return torch.sigmoid(self.logits(image))


def tagging_logits(m, label_embed, image_embeds):
    """RAM's image-tag recognition decoder: the label queries over the image embeddings, one logit per tag."""
    image_atts = torch.ones(image_embeds.size()[:-1], dtype=torch.long, device=image_embeds.device)
    tagging = m.tagging_head(encoder_embeds=label_embed, encoder_hidden_states=image_embeds,
                             encoder_attention_mask=image_atts, return_dict=False, mode="tagging")
    return m.fc(tagging[0])


class RamLogits(torch.nn.Module):
    """RAM's tagging path (ram/models/ram.py generate_tag) up to the logits."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, image):
        m = self.model
        label_embed = torch.nn.functional.relu(m.wordvec_proj(m.label_embed))
        image_embeds = m.image_proj(m.visual_encoder(image))
        label_embed = label_embed.unsqueeze(0).repeat(image_embeds.shape[0], 1, 1)
        return tagging_logits(m, label_embed, image_embeds).squeeze(-1)


class RamPlusLogits(torch.nn.Module):
    """RAM++'s tagging path (ram/models/ram_plus.py generate_tag): each tag's description embeddings weighted by
    their similarity to the image's CLS embedding, then the tagging head."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, image):
        m = self.model
        image_embeds = m.image_proj(m.visual_encoder(image))
        cls = image_embeds[:, 0, :]
        cls = cls / cls.norm(dim=-1, keepdim=True)
        per_class = m.label_embed.shape[0] // m.num_class
        weights = (m.reweight_scale.exp() * cls @ m.label_embed.t()).view(cls.shape[0], -1, per_class)
        weights = torch.softmax(weights, dim=2)
        descriptions = m.label_embed.view(-1, per_class, m.label_embed.shape[-1])
        label_embed = (weights.unsqueeze(-1) * descriptions.unsqueeze(0)).sum(dim=2)
        label_embed = torch.nn.functional.relu(m.wordvec_proj(label_embed))
        return tagging_logits(m, label_embed, image_embeds).squeeze(-1)


class Tag2TextLogits(torch.nn.Module):
    """Tag2Text's tagging path (ram/models/tag2text.py generate): the label queries over the image embeddings."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, image):
        m = self.model
        image_embeds = m.visual_encoder(image)
        label_embed = m.label_embed.weight.unsqueeze(0).repeat(image_embeds.shape[0], 1, 1)
        return tagging_logits(m, label_embed, image_embeds)


def recognize_anything(args):
    import ram as ram_package
    from ram.models import ram, ram_plus, tag2text
    build = {"ram": (ram, RamLogits), "ram_plus": (ram_plus, RamPlusLogits), "tag2text": (tag2text, Tag2TextLogits)}
    constructor, logits = build[args.variant]
    model = constructor(pretrained=args.checkpoint, image_size=args.size, vit="swin_l" if args.variant != "tag2text"
                        else "swin_b").eval()
    data = os.path.join(os.path.dirname(ram_package.__file__), "data")
    lists = (["ram_tag_list.txt", "ram_tag_list_chinese.txt", "ram_tag_list_threshold.txt"]
             if args.variant != "tag2text" else ["tag2text_ori_tag_list.txt"])
    return Probabilities(logits(model)), [os.path.join(data, f) for f in lists]


def torchvision_builder(args):
    import torchvision
    torch.manual_seed(args.seed)
    net = getattr(torchvision.models, args.architecture)(weights=None)
    head = [name for name in ("head", "fc", "classifier") if hasattr(net, name)][0]
    features = getattr(net, head).in_features
    setattr(net, head, torch.nn.Linear(features, args.classes))
    lists = []
    if args.tag_lists:
        lists = [os.path.join(args.tag_lists, f) for f in
                 ("ram_tag_list.txt", "ram_tag_list_chinese.txt", "ram_tag_list_threshold.txt")]
    return Probabilities(net.eval()), lists


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True)
    common.image_options(parser)
    parser.add_argument("--size", type=int, default=384)
    parser.add_argument("--name")
    builders = parser.add_subparsers(dest="builder", required=True)
    ra = builders.add_parser("recognize-anything")
    ra.add_argument("--variant", choices=["ram", "ram_plus", "tag2text"], required=True)
    ra.add_argument("--checkpoint", required=True)
    tv = builders.add_parser("torchvision")
    tv.add_argument("--architecture", default="swin_t")
    tv.add_argument("--classes", type=int, default=4585)
    tv.add_argument("--seed", type=int, default=0)
    tv.add_argument("--tag-lists", help="folder with RAM's three tag lists to copy beside the model")
    args = parser.parse_args()
    images = common.images(args)

    model, lists = (recognize_anything if args.builder == "recognize-anything" else torchvision_builder)(args)
    meta = {"task": "tagger", "engine": "PyTorch", "name": args.name or os.path.basename(os.path.abspath(args.out)),
            "input_size": [args.size, args.size], "mean": common.IMAGENET_MEAN, "std": common.IMAGENET_STD,
            "resize": "stretch", "interpolation": "bilinear"}
    batch = common.prepared_batch(images, meta)
    with torch.no_grad():
        probabilities = model(batch)
        traced = torch.jit.trace(model, batch[:1])
    os.makedirs(args.out, exist_ok=True)
    traced.save(os.path.join(args.out, "model.pt"))
    meta["output"] = {"probabilities": probabilities.shape[1]}
    common.write_json(args.out, "model.json", meta)
    for path in lists:
        shutil.copy(path, args.out)
    common.write_reference(args.out, images, "probabilities", probabilities.tolist())
    print("wrote", args.out, "outputs", probabilities.shape[1])


if __name__ == "__main__":
    main()
