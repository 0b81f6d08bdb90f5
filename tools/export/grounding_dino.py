#!/usr/bin/env python3
"""Hugging Face's Grounding-DINO → a Tagforge detector folder (layout grounding-dino, ONNX).

    python3 grounding_dino.py --out DIR --model IDEA-Research/grounding-dino-tiny --images DIR \
        --phrases "person . dog . car . chair ."

Writes DIR/model.onnx (pixel_values [B,3,H,W], input_ids, attention_mask, token_type_ids [B,T], pixel_mask
[B,H,W] → logits [B,900,256], pred_boxes [B,900,4]; batch, image size and text length dynamic), DIR/tokenizer.json,
DIR/model.json (shorter side 800, max_size 1333, bilinear, ImageNet mean/std, thresholds 0.35/0.25) and
DIR/reference.json (the original model's detections on the images for --phrases, post-processed by the
processor's post_process_grounded_object_detection: scores, boxes normalized x1,y1,x2,y2, HF's label text).

The export runs on a prompt of several phrases, so the text self-attention mask Grounding-DINO builds per
phrase (tokens attend only within their phrase) is traced from a multi-phrase example rather than frozen to one
phrase. Needs: transformers 4.40+ (GroundingDinoForObjectDetection), torch 2.x, onnx 1.14+; the model in the local
Hugging Face cache. Not run on the machine this was written on (no transformers there): see the README.
"""
import argparse
import os

import torch

import common


class Exported(torch.nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, pixel_values, input_ids, attention_mask, token_type_ids, pixel_mask):
        out = self.model(pixel_values=pixel_values, input_ids=input_ids, attention_mask=attention_mask,
                         token_type_ids=token_type_ids, pixel_mask=pixel_mask, return_dict=True)
        return out.logits, out.pred_boxes


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True)
    parser.add_argument("--model", required=True)
    common.image_options(parser)
    parser.add_argument("--phrases", default="person . dog . car . chair .")
    parser.add_argument("--name")
    args = parser.parse_args()
    images = common.images(args)
    from transformers import AutoProcessor, GroundingDinoForObjectDetection
    processor = AutoProcessor.from_pretrained(args.model)
    model = GroundingDinoForObjectDetection.from_pretrained(args.model).eval()
    os.makedirs(args.out, exist_ok=True)
    processor.tokenizer.backend_tokenizer.save(os.path.join(args.out, "tokenizer.json"))
    meta = {"task": "detector", "engine": "OnnxRuntime", "layout": "grounding-dino",
            "name": args.name or os.path.basename(os.path.abspath(args.out)), "input_size": [800, 800],
            "max_size": 1333, "resize": "shorter-side", "interpolation": "bilinear", "mean": common.IMAGENET_MEAN,
            "std": common.IMAGENET_STD, "box_threshold": 0.35, "text_threshold": 0.25,
            "output": {"boxes": "cxcywh", "queries": model.config.num_queries, "text_tokens": model.config.max_text_len}}
    pixels, mask = common.pad_batch([common.prepare(common.load_image(p), meta) for p in images])
    text = processor.tokenizer([args.phrases.lower()] * len(images), return_tensors="pt")
    inputs = (pixels, text.input_ids, text.attention_mask, text.token_type_ids, mask)
    exported = Exported(model)
    with torch.no_grad():
        logits, boxes = exported(*inputs)
    torch.onnx.export(exported, inputs, os.path.join(args.out, "model.onnx"), opset_version=17,
                      input_names=["pixel_values", "input_ids", "attention_mask", "token_type_ids", "pixel_mask"],
                      output_names=["logits", "pred_boxes"],
                      dynamic_axes={"pixel_values": {0: "batch", 2: "height", 3: "width"},
                                    "input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"},
                                    "token_type_ids": {0: "batch", 1: "tokens"},
                                    "pixel_mask": {0: "batch", 1: "height", 2: "width"},
                                    "logits": {0: "batch"}, "pred_boxes": {0: "batch"}})

    class Outputs:
        pass
    outputs = Outputs()
    outputs.logits, outputs.pred_boxes = logits, boxes
    results = processor.post_process_grounded_object_detection(outputs, text.input_ids, meta["box_threshold"],
                                                              meta["text_threshold"])
    detections = [[{"score": float(s), "box": [float(v) for v in b], "label": l}
                   for s, b, l in zip(r["scores"], r["boxes"], r.get("text_labels", r.get("labels")))] for r in results]
    common.write_json(args.out, "model.json", meta)
    phrases = [p.strip() for p in args.phrases.split(".") if p.strip()]
    common.write_reference(args.out, images, "detections", detections, phrases=phrases)
    print("wrote", args.out)


if __name__ == "__main__":
    main()
