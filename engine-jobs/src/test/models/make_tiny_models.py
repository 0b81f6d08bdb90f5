#!/usr/bin/python3
"""Writes the tiny test models of engine-jobs into src/test/resources/models/ (a few KB each).

Each is a deterministic function of colour statistics, so tests can compute what it must answer. Inputs
arrive normalized with the model.json mean/std; every model first undoes that, so a translator that
normalizes wrongly gives visibly wrong outputs. Run with Debian's torch (python3-torch 1.13):

    /usr/bin/python3 engine-jobs/src/test/models/make_tiny_models.py

Models:
  tagger     image [B,3,32,32] -> probabilities [B,6]: sigmoid(12 (m - 0.45)) for the channel means m of
             red, green, blue, then sigmoid(12 (l - 0.55)) for luminance l ("bright"), sigmoid(12 (0.35 - l))
             ("dark"), sigmoid(12 (s - 0.15)) for the std of luminance ("textured").
  captioner  image [B,3,32,32] -> token ids [B,8] (0 = end): one caption template per dominant channel.
  detector   image [B,3,32,32] + category indices [B,C] (into model.json categories; -1 = padding) ->
             boxes [B,C,2,4] (normalized x1,y1,x2,y2) and scores [B,C,2]: per image half (left, right) the
             bounding box of the pixels where the category holds (channel dominant by 0.05, or luminance
             above 0.6 / below 0.3) and score = min(1, 4 * share of the half's pixels).
  embedder   crop [B,3,32,32] -> features [B,8]: channel means, channel stds, luminance mean and std.
  embedder-onnx  the same embedder as ONNX (opset 13), for DJL's OnnxRuntime engine.
"""
import json
import os

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "models")
SIZE = 32
MEAN = [0.485, 0.456, 0.406]
STD = [0.229, 0.224, 0.225]
LUMA = [0.299, 0.587, 0.114]


class Denormalize(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer("mean", torch.tensor(MEAN).view(1, 3, 1, 1))
        self.register_buffer("std", torch.tensor(STD).view(1, 3, 1, 1))
        self.register_buffer("luma", torch.tensor(LUMA).view(1, 3, 1, 1))

    def forward(self, x):
        rgb = x * self.std + self.mean
        return rgb, (rgb * self.luma).sum(dim=1)


class Tagger(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.denormalize = Denormalize()

    def forward(self, x):
        rgb, luma = self.denormalize(x)
        means = rgb.mean(dim=(2, 3))
        l = luma.mean(dim=(1, 2)).unsqueeze(1)
        s = luma.flatten(1).std(dim=1, unbiased=False).unsqueeze(1)
        logits = torch.cat([12 * (means - 0.45), 12 * (l - 0.55), 12 * (0.35 - l), 12 * (s - 0.15)], dim=1)
        return torch.sigmoid(logits)


VOCAB = ["<end>", "a", "red", "green", "blue", "car", "field", "sky", "on", "the", "street", "with", "tree",
         "over", "water", "photo", "of"]
CAPTIONS = ["a red car on the street", "a green field with a tree", "a blue sky over the water"]


class Captioner(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.denormalize = Denormalize()
        rows = []
        for caption in CAPTIONS:
            ids = [VOCAB.index(w) for w in caption.split()]
            rows.append(ids + [0] * (8 - len(ids)))
        self.register_buffer("templates", torch.tensor(rows, dtype=torch.long))

    def forward(self, x):
        rgb, _ = self.denormalize(x)
        dominant = rgb.mean(dim=(2, 3)).argmax(dim=1)
        return self.templates[dominant]


CATEGORIES = ["red", "green", "blue", "bright", "dark"]


class Detector(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.denormalize = Denormalize()
        coords = (torch.arange(SIZE, dtype=torch.float32) + 0.5) / SIZE
        self.register_buffer("xs", coords.view(1, 1, SIZE).expand(1, SIZE, SIZE).clone())
        self.register_buffer("ys", coords.view(1, SIZE, 1).expand(1, SIZE, SIZE).clone())

    def masks(self, rgb, luma):
        r, g, b = rgb[:, 0], rgb[:, 1], rgb[:, 2]
        red = (r > g + 0.05) & (r > b + 0.05)
        green = (g > r + 0.05) & (g > b + 0.05)
        blue = (b > r + 0.05) & (b > g + 0.05)
        return torch.stack([red, green, blue, luma > 0.6, luma < 0.3], dim=1)  # [B,5,S,S]

    def forward(self, x, categories):
        rgb, luma = self.denormalize(x)
        all_masks = self.masks(rgb, luma)
        size = all_masks.shape[2]
        index = categories.clamp(min=0)
        picked = torch.gather(all_masks, 1, index.view(index.shape[0], index.shape[1], 1, 1)
                              .expand(-1, -1, size, size))  # [B,C,S,S]
        valid = (categories >= 0).view(categories.shape[0], categories.shape[1], 1, 1)
        picked = picked & valid
        half = size // 2
        boxes = []
        scores = []
        for side in range(2):
            part = picked[:, :, :, side * half:(side + 1) * half].float()
            xs = self.xs[:, :, side * half:(side + 1) * half]
            ys = self.ys[:, :, side * half:(side + 1) * half]
            share = part.mean(dim=(2, 3))
            big = 2.0
            pixel = 0.5 / size
            x1 = torch.where(part > 0, xs, torch.full_like(part, big)).amin(dim=(2, 3)) - pixel
            y1 = torch.where(part > 0, ys, torch.full_like(part, big)).amin(dim=(2, 3)) - pixel
            x2 = torch.where(part > 0, xs, torch.full_like(part, -big)).amax(dim=(2, 3)) + pixel
            y2 = torch.where(part > 0, ys, torch.full_like(part, -big)).amax(dim=(2, 3)) + pixel
            box = torch.stack([x1, y1, x2, y2], dim=2).clamp(0, 1)
            box = torch.where((share > 0).unsqueeze(2), box, torch.zeros_like(box))
            boxes.append(box)
            scores.append((4 * share).clamp(max=1.0))
        return torch.stack(boxes, dim=2), torch.stack(scores, dim=2)


class Embedder(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.denormalize = Denormalize()

    def forward(self, x):
        rgb, luma = self.denormalize(x)
        flat = rgb.flatten(2)
        means = flat.mean(dim=2)
        stds = (flat - means.unsqueeze(2)).pow(2).mean(dim=2).sqrt()
        l = luma.flatten(1)
        lm = l.mean(dim=1, keepdim=True)
        ls = (l - lm).pow(2).mean(dim=1, keepdim=True).sqrt()
        return torch.cat([means, stds, lm, ls], dim=1)


def write(name, module, example, meta, onnx=False):
    folder = os.path.join(OUT, name)
    os.makedirs(folder, exist_ok=True)
    module.eval()
    if onnx:
        torch.onnx.export(module, example, os.path.join(folder, "model.onnx"), opset_version=13,
                          input_names=["pixel_values"], output_names=["features"],
                          dynamic_axes={"pixel_values": {0: "batch"}, "features": {0: "batch"}})
    else:
        traced = torch.jit.script(module)
        traced.save(os.path.join(folder, "model.pt"))
    base = {"input_size": [SIZE, SIZE], "mean": MEAN, "std": STD, "resize": "stretch"}
    base.update(meta)
    with open(os.path.join(folder, "model.json"), "w") as f:
        json.dump(base, f, indent=2)
        f.write("\n")


def main():
    torch.manual_seed(0)
    image = torch.rand(2, 3, SIZE, SIZE)
    write("tagger", Tagger(), image, {
        "task": "tagger", "engine": "PyTorch", "name": "tiny-colour-tagger",
        "output": {"probabilities": 6},
        "classes": ["red", "green", "blue", "bright", "dark", "textured"]})
    write("captioner", Captioner(), image, {
        "task": "captioner", "engine": "PyTorch", "name": "tiny-colour-captioner",
        "output": {"token_ids": 8, "end_token": 0}, "vocabulary": VOCAB})
    write("detector", Detector(), (image, torch.tensor([[0, 3], [1, -1]])), {
        "task": "detector", "engine": "PyTorch", "name": "tiny-colour-detector",
        "output": {"boxes": "xyxy", "boxes_per_category": 2},
        "categories": CATEGORIES, "box_threshold": 0.35, "text_threshold": 0.25})
    write("embedder", Embedder(), image, {
        "task": "embedder", "engine": "PyTorch", "name": "tiny-colour-embedder", "output": {"features": 8}})
    write("embedder-onnx", Embedder(), image, {
        "task": "embedder", "engine": "OnnxRuntime", "name": "tiny-colour-embedder-onnx",
        "output": {"features": 8}}, onnx=True)


if __name__ == "__main__":
    main()
