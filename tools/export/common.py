"""What every export script shares: Tagforge's pre-processing, model folders and reference.json.

The reference outputs are computed by the original model (eager PyTorch, before tracing or ONNX export) on
images prepared exactly as Tagforge prepares them (io.tagforge.engine.model.Preprocessing): decoded to RGB,
resized with PyTorch's antialiased interpolate (bilinear or bicubic, the scheme Tagforge's Resampler
implements), cropped, normalized. So `./tagforge models check DIR --reference DIR/reference.json` measures
the export and the Java runtime, not a difference between two resizers.

Needs: torch (tested with 1.13 and 2.x), Pillow (any 9.x or 10.x).
"""
import json
import os

import torch
import torch.nn.functional as F
from PIL import Image

IMAGENET_MEAN = [0.485, 0.456, 0.406]
IMAGENET_STD = [0.229, 0.224, 0.225]
CLIP_MEAN = [0.48145466, 0.4578275, 0.40821073]
CLIP_STD = [0.26862954, 0.26130258, 0.27577711]


def image_options(parser):
    parser.add_argument("--images", required=True, help="folder of the images to compute reference outputs on")
    parser.add_argument("--limit", type=int, default=4, help="how many of them, by file name (default 4)")


def images(args):
    names = sorted(f for f in os.listdir(args.images) if f.lower().endswith((".jpg", ".jpeg", ".png")))
    return [os.path.join(args.images, f) for f in names[:args.limit]]


def load_image(path):
    """[3, H, W] float in [0, 1]."""
    with Image.open(path) as image:
        rgb = image.convert("RGB")
        data = torch.frombuffer(bytearray(rgb.tobytes()), dtype=torch.uint8)
        return data.view(rgb.height, rgb.width, 3).permute(2, 0, 1).float() / 255


def shorter_side(width, height, shorter, maximum=None):
    """[width, height]: the shorter side at `shorter`, the longer in proportion (truncated), the longer capped at
    `maximum` (then the shorter rounded) -- the sizes of Hugging Face's DETR-family and CLIP processors."""
    small, large = min(width, height), max(width, height)
    target = float(shorter)
    if maximum is not None and large / small * shorter > maximum:
        target = maximum * small / large
        shorter = int(round(target))
    if min(width, height) == shorter:
        return width, height
    if width < height:
        return shorter, int(target * height / width)
    return int(target * width / height), shorter


def prepare(image, meta):
    """An image [3, H, W] in [0, 1] as model.json says Tagforge feeds it: [3, h, w], normalized."""
    height, width = meta["input_size"]
    mode = meta.get("resize", "stretch")
    interpolation = meta.get("interpolation", "bilinear")
    _, h, w = image.shape
    if mode == "stretch":
        size = (width, height)
    elif mode == "shorter-side":
        size = shorter_side(w, h, min(width, height), meta.get("max_size"))
    elif mode == "center-crop":
        size = shorter_side(w, h, meta.get("shortest_edge", min(width, height)))
    else:
        raise ValueError("resize " + mode)
    x = image
    if size != (w, h):
        x = F.interpolate(image.unsqueeze(0), size=(size[1], size[0]), mode=interpolation, antialias=True,
                          align_corners=False)[0]
    if mode == "center-crop":
        top = (size[1] - height) // 2
        left = (size[0] - width) // 2
        x = x[:, top:top + height, left:left + width]
    mean = torch.tensor(meta["mean"]).view(3, 1, 1)
    std = torch.tensor(meta["std"]).view(3, 1, 1)
    return (x - mean) / std


def pad_batch(tensors):
    """Tensors [3, h, w] → a batch [B, 3, H, W] padded right and bottom with zeros, and its pixel mask [B, H, W]."""
    height = max(t.shape[1] for t in tensors)
    width = max(t.shape[2] for t in tensors)
    batch = torch.zeros(len(tensors), 3, height, width)
    mask = torch.zeros(len(tensors), height, width, dtype=torch.long)
    for i, t in enumerate(tensors):
        batch[i, :, :t.shape[1], :t.shape[2]] = t
        mask[i, :t.shape[1], :t.shape[2]] = 1
    return batch, mask


def write_json(folder, name, value):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
        json.dump(value, f, indent=1, ensure_ascii=False)
        f.write("\n")


def write_reference(folder, images, key, values, **extra):
    """reference.json: the images (absolute paths) and the original model's outputs on them under `key`."""
    reference = {"images": [os.path.abspath(p) for p in images], key: values}
    reference.update(extra)
    write_json(folder, "reference.json", reference)


def prepared_batch(images, meta):
    return torch.stack([prepare(load_image(p), meta) for p in images])
