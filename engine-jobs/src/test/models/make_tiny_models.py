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
  grounding-dino  a Grounding-DINO-shaped ONNX detector (layout grounding-dino) and its tokenizer.json (HF
             tokenizers JSON: WordPiece over TOKEN_COLOURS' words, BertNormalizer lowercase, BertPreTokenizer,
             [CLS] ... [SEP]). pixel_values [B,3,32,32] + input_ids, attention_mask, token_type_ids [B,T] ->
             logits [B,6,256] and pred_boxes [B,6,4] (normalized cx,cy,w,h). Query q = half * 3 + colour (left
             or right half; red, green, blue as in detector): its box is the bounding box of the colour's pixels
             in that half (all zero when there are none), p = 0.99 min(1, 4 * share of the half's pixels), and
             token t gets logit(p * weight of its word for that colour); tokens with attention_mask 0 or
             token_type_ids 1, and positions from T to 255, get -inf (as Grounding-DINO's text mask does).
  grounding-dino-pixel-mask  the same with a pixel_mask [B,32,32] input (int64, 1 = image), as the
             Transformers.js export takes; pixels under 0 count for no colour.
  grounding-dino-bad  the same model whose second output is called "boxes", not "pred_boxes".
  grounding-dino-shorter-side  a Grounding-DINO-shaped ONNX detector taking images at their own aspect ratio
             (resize shorter-side 32, max_size 48, padded batches) with a pixel_mask [B,H,W]: 3 queries (red,
             green, blue), each the bounding box of the colour's pixels inside the mask, normalized by the image's
             own (unpadded) width and height as Grounding-DINO's masked position encoding does, p = 0.99 min(1,
             2 * share of the image's pixels), token logits as in grounding-dino.
  captioner-encoder-decoder  an encoder-decoder captioner (layout encoder-decoder, ONNX pair, WordPiece
             tokenizer.json with [DEC] as BOS and [SEP] as EOS, prompt "a picture of", bicubic): the encoder gives
             hidden states [B,2,4] (channel means and luminance, then ones); the decoder's logits at each position
             are log-probabilities of a Markov chain over tokens chosen by the dominant channel (CAPTION_CHAINS):
             red greedy and beam "red car parking on the street", green greedy "green field" but beam "trees",
             blue "sky" only because min_length bans [SEP] right after the prompt.
  embedder-clip  a CLIP-style ONNX embedder (resize center-crop, shortest_edge 16, crop 16x16, bicubic): outputs
             last_hidden_state [B,5,3] (token 0: the crop's channel means; token k: mean of quadrant k times k)
             and pooler_output [B,3] (twice token 0); model.json takes last_hidden_state with CLS pooling.
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
    def __init__(self, mean=None, std=None):
        super().__init__()
        self.register_buffer("mean", torch.tensor(mean or MEAN).view(1, 3, 1, 1))
        self.register_buffer("std", torch.tensor(std or STD).view(1, 3, 1, 1))
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


# word -> weight of (red, green, blue): how strongly the word's tokens light up for each colour's queries
TOKEN_COLOURS = {
    "red": (1.0, 0, 0), "fire": (0.95, 0, 0), "hy": (0.5, 0, 0), "##drant": (0.5, 0, 0), "car": (0.7, 0, 0),
    "green": (0, 1.0, 0), "tree": (0, 0.9, 0), "field": (0, 0.8, 0),
    "blue": (0, 0, 1.0), "sky": (0, 0, 0.95), "water": (0, 0, 0.8),
    "street": (0, 0, 0), "dog": (0, 0, 0), "couch": (0, 0, 0), "##s": (0, 0, 0),
}
SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]"]
TOKENS = SPECIAL + ["."] + list(TOKEN_COLOURS)
MAX_TEXT = 256


class GroundingDino(torch.nn.Module):
    def __init__(self, pixel_mask=False):
        super().__init__()
        self.pixel_mask = pixel_mask
        self.detector = Detector()
        weights = torch.zeros(len(TOKENS), 3)
        for word, colours in TOKEN_COLOURS.items():
            weights[TOKENS.index(word)] = torch.tensor(colours)
        self.register_buffer("weights", weights)
        self.register_buffer("positions", torch.arange(MAX_TEXT).view(1, 1, MAX_TEXT))

    def forward(self, pixel_values, input_ids, attention_mask, token_type_ids, pixel_mask=None):
        if pixel_mask is not None:
            # pixels outside the mask become grey: no colour dominates there
            grey = ((0.5 - self.detector.denormalize.mean) / self.detector.denormalize.std).expand_as(pixel_values)
            pixel_values = torch.where((pixel_mask > 0).unsqueeze(1), pixel_values, grey)
        colours = torch.arange(3).view(1, 3).expand(pixel_values.shape[0], 3)
        corners, scores = self.detector(pixel_values, colours)  # [B,3,2,4] xyxy, [B,3,2] = min(1, 4 share)
        corners = corners.transpose(1, 2).reshape(-1, 6, 4)  # query = half * 3 + colour
        centre = (corners[:, :, :2] + corners[:, :, 2:]) / 2
        size = corners[:, :, 2:] - corners[:, :, :2]
        boxes = torch.cat([centre, size], dim=2)
        p = 0.99 * scores.transpose(1, 2).reshape(-1, 6)
        colour_weights = self.weights[input_ids].repeat(1, 1, 2)  # [B,T,6], column = query
        prob = p.unsqueeze(1) * colour_weights  # [B,T,6]
        valid = (attention_mask * (1 - token_type_ids)).float()  # [B,T]
        # scatter token t to text position t of 256 without shape arithmetic: one-hot of cumulative positions
        position = torch.ones_like(input_ids).cumsum(dim=1) - 1
        onehot = (position.unsqueeze(2) == self.positions).float()  # [B,T,256]
        prob256 = torch.bmm(onehot.transpose(1, 2), prob).transpose(1, 2)  # [B,6,256]
        valid256 = torch.bmm(valid.unsqueeze(1), onehot) > 0  # [B,1,256]
        prob256 = prob256.clamp(1e-6, 1 - 1e-6)
        logits = torch.log(prob256) - torch.log(1 - prob256)
        logits = torch.where(valid256, logits, torch.full_like(logits, float("-inf")))
        return logits, boxes


def tokenizer_json():
    """A bert-base-uncased-style tokenizer.json (HF tokenizers format) over TOKENS."""
    special = {"[CLS]": TOKENS.index("[CLS]"), "[SEP]": TOKENS.index("[SEP]")}
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [{"id": TOKENS.index(t), "content": t, "single_word": False, "lstrip": False,
                          "rstrip": False, "normalized": False, "special": True} for t in SPECIAL],
        "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
                       "strip_accents": None, "lowercase": True},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                       {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
            "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
            "special_tokens": {t: {"id": t, "ids": [i], "tokens": [t]} for t, i in special.items()}},
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                  "max_input_chars_per_word": 100, "vocab": {t: i for i, t in enumerate(TOKENS)}},
    }


def write_grounding_dino(name, module, outputs):
    folder = os.path.join(OUT, name)
    os.makedirs(folder, exist_ok=True)
    module.eval()
    image = torch.rand(2, 3, SIZE, SIZE)
    ids = torch.tensor([[2, 5, 4, 8, 9, 10, 4, 3], [2, 7, 4, 3, 0, 0, 0, 0]])
    mask = (ids > 0).long()
    inputs = [image, ids, mask, torch.zeros_like(ids)]
    names = ["pixel_values", "input_ids", "attention_mask", "token_type_ids"]
    axes = {"pixel_values": {0: "batch"}, "input_ids": {0: "batch", 1: "tokens"},
            "attention_mask": {0: "batch", 1: "tokens"}, "token_type_ids": {0: "batch", 1: "tokens"}}
    if module.pixel_mask:
        inputs.append(torch.ones(2, SIZE, SIZE, dtype=torch.long))
        names.append("pixel_mask")
        axes["pixel_mask"] = {0: "batch"}
    for output in outputs:
        axes[output] = {0: "batch"}
    torch.onnx.export(module, tuple(inputs), os.path.join(folder, "model.onnx"), opset_version=13,
                      input_names=names, output_names=outputs, dynamic_axes=axes)
    meta = {"input_size": [SIZE, SIZE], "mean": MEAN, "std": STD, "resize": "stretch", "task": "detector",
            "engine": "OnnxRuntime", "layout": "grounding-dino", "name": "tiny-" + name,
            "output": {"boxes": "cxcywh", "queries": 6, "text_tokens": MAX_TEXT},
            "box_threshold": 0.35, "text_threshold": 0.25}
    with open(os.path.join(folder, "model.json"), "w") as f:
        json.dump(meta, f, indent=2)
        f.write("\n")
    with open(os.path.join(folder, "tokenizer.json"), "w") as f:
        json.dump(tokenizer_json(), f, indent=1)
        f.write("\n")


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


class ShorterSideGroundingDino(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.denormalize = Denormalize()
        weights = torch.zeros(len(TOKENS), 3)
        for word, colours in TOKEN_COLOURS.items():
            weights[TOKENS.index(word)] = torch.tensor(colours)
        self.register_buffer("weights", weights)
        self.register_buffer("positions", torch.arange(MAX_TEXT).view(1, 1, MAX_TEXT))

    def forward(self, pixel_values, input_ids, attention_mask, token_type_ids, pixel_mask):
        rgb, _ = self.denormalize(pixel_values)
        valid = pixel_mask > 0  # [B,H,W]
        width = valid[:, 0, :].float().sum(dim=1).view(-1, 1, 1)  # the image's own size inside the padding
        height = valid[:, :, 0].float().sum(dim=1).view(-1, 1, 1)
        xs = (torch.ones_like(rgb[:, 0]).cumsum(dim=2) - 0.5) / width  # [B,H,W]
        ys = (torch.ones_like(rgb[:, 0]).cumsum(dim=1) - 0.5) / height
        r, g, b = rgb[:, 0], rgb[:, 1], rgb[:, 2]
        masks = [(r > g + 0.05) & (r > b + 0.05), (g > r + 0.05) & (g > b + 0.05), (b > r + 0.05) & (b > g + 0.05)]
        boxes = []
        scores = []
        for mask in masks:
            part = (mask & valid).float()
            share = part.sum(dim=(1, 2)) / (width * height).view(-1)
            big = 2.0
            x1 = torch.where(part > 0, xs, torch.full_like(part, big)).amin(dim=(1, 2)) - 0.5 / width.view(-1)
            y1 = torch.where(part > 0, ys, torch.full_like(part, big)).amin(dim=(1, 2)) - 0.5 / height.view(-1)
            x2 = torch.where(part > 0, xs, torch.full_like(part, -big)).amax(dim=(1, 2)) + 0.5 / width.view(-1)
            y2 = torch.where(part > 0, ys, torch.full_like(part, -big)).amax(dim=(1, 2)) + 0.5 / height.view(-1)
            box = torch.stack([(x1 + x2) / 2, (y1 + y2) / 2, x2 - x1, y2 - y1], dim=1)
            boxes.append(torch.where((share > 0).unsqueeze(1), box, torch.zeros_like(box)))
            scores.append(0.99 * (2 * share).clamp(max=1.0))
        boxes = torch.stack(boxes, dim=1)  # [B,3,4]
        p = torch.stack(scores, dim=1)  # [B,3]
        prob = p.unsqueeze(1) * self.weights[input_ids]  # [B,T,3]
        valid_text = (attention_mask * (1 - token_type_ids)).float()
        position = torch.ones_like(input_ids).cumsum(dim=1) - 1
        onehot = (position.unsqueeze(2) == self.positions).float()  # [B,T,256]
        prob256 = torch.bmm(onehot.transpose(1, 2), prob).transpose(1, 2)  # [B,3,256]
        valid256 = torch.bmm(valid_text.unsqueeze(1), onehot) > 0
        prob256 = prob256.clamp(1e-6, 1 - 1e-6)
        logits = torch.log(prob256) - torch.log(1 - prob256)
        logits = torch.where(valid256, logits, torch.full_like(logits, float("-inf")))
        return logits, boxes


def write_shorter_side_grounding_dino():
    name = "grounding-dino-shorter-side"
    folder = os.path.join(OUT, name)
    os.makedirs(folder, exist_ok=True)
    module = ShorterSideGroundingDino().eval()
    image = torch.rand(2, 3, 24, 40)
    ids = torch.tensor([[2, 5, 4, 8, 9, 10, 4, 3], [2, 7, 4, 3, 0, 0, 0, 0]])
    mask = torch.ones(2, 24, 40, dtype=torch.long)
    mask[1, :, 30:] = 0
    names = ["pixel_values", "input_ids", "attention_mask", "token_type_ids", "pixel_mask"]
    axes = {"pixel_values": {0: "batch", 2: "height", 3: "width"}, "input_ids": {0: "batch", 1: "tokens"},
            "attention_mask": {0: "batch", 1: "tokens"}, "token_type_ids": {0: "batch", 1: "tokens"},
            "pixel_mask": {0: "batch", 1: "height", 2: "width"}, "logits": {0: "batch"}, "pred_boxes": {0: "batch"}}
    torch.onnx.export(module, (image, ids, (ids > 0).long(), torch.zeros_like(ids), mask),
                      os.path.join(folder, "model.onnx"), opset_version=13, input_names=names,
                      output_names=["logits", "pred_boxes"], dynamic_axes=axes)
    meta = {"input_size": [SIZE, SIZE], "mean": MEAN, "std": STD, "resize": "shorter-side", "max_size": 48,
            "interpolation": "bilinear", "task": "detector", "engine": "OnnxRuntime", "layout": "grounding-dino",
            "name": "tiny-" + name, "output": {"boxes": "cxcywh", "queries": 3, "text_tokens": MAX_TEXT},
            "box_threshold": 0.35, "text_threshold": 0.25}
    write_json(folder, "model.json", meta, 2)
    write_json(folder, "tokenizer.json", tokenizer_json(), 1)


CAPTION_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[DEC]", "a", "picture", "of", "red", "car", "park", "##ing",
                  "on", "the", "street", "green", "field", "tree", "##s", "blue", "sky"]
CAPTION_SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[DEC]"]
# per dominant channel: token -> {next token: probability}; every other next token gets 1e-4
CAPTION_CHAINS = [
    {"of": {"red": 0.9}, "red": {"car": 0.9}, "car": {"park": 0.6, "[SEP]": 0.3}, "park": {"##ing": 0.95},
     "##ing": {"on": 0.9}, "on": {"the": 0.9}, "the": {"street": 0.9}, "street": {"[SEP]": 0.9}},
    {"of": {"green": 0.5, "tree": 0.45}, "green": {"field": 0.35, "tree": 0.33, "sky": 0.3},
     "field": {"[SEP]": 0.95}, "tree": {"##s": 0.95}, "##s": {"[SEP]": 0.95}, "sky": {"[SEP]": 0.95}},
    {"of": {"[SEP]": 0.6, "sky": 0.38}, "sky": {"[SEP]": 0.95}},
]
CLIP_MEAN = [0.48145466, 0.4578275, 0.40821073]
CLIP_STD = [0.26862954, 0.26130258, 0.27577711]


class CaptionEncoder(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.denormalize = Denormalize(CLIP_MEAN, CLIP_STD)

    def forward(self, pixel_values):
        rgb, luma = self.denormalize(pixel_values)
        first = torch.cat([rgb.mean(dim=(2, 3)), luma.mean(dim=(1, 2)).unsqueeze(1)], dim=1).unsqueeze(1)
        return torch.cat([first, torch.ones_like(first)], dim=1)  # [B,2,4]


class CaptionDecoder(torch.nn.Module):
    def __init__(self):
        super().__init__()
        v = len(CAPTION_TOKENS)
        table = torch.full((3, v, v), 1e-4)
        table[:, :, CAPTION_TOKENS.index("[SEP]")] = 0.9  # tokens outside a chain end the caption
        for colour, chain in enumerate(CAPTION_CHAINS):
            for token, nexts in chain.items():
                row = torch.full((v,), 1e-4)
                for nxt, p in nexts.items():
                    row[CAPTION_TOKENS.index(nxt)] = p
                table[colour, CAPTION_TOKENS.index(token)] = row
        self.register_buffer("table", torch.log(table))

    def forward(self, input_ids, attention_mask, encoder_hidden_states):
        colour = encoder_hidden_states[:, 0, :3].argmax(dim=1)  # [N]
        logits = self.table[colour.unsqueeze(1), input_ids]  # [N,L,V]
        return logits * attention_mask.unsqueeze(2).float()


def caption_tokenizer_json():
    tokenizer = tokenizer_json()
    tokenizer["added_tokens"] = [{"id": CAPTION_TOKENS.index(t), "content": t, "single_word": False,
                                  "lstrip": False, "rstrip": False, "normalized": False, "special": True}
                                 for t in CAPTION_SPECIAL]
    tokenizer["model"]["vocab"] = {t: i for i, t in enumerate(CAPTION_TOKENS)}
    tokenizer["post_processor"]["special_tokens"] = {
        t: {"id": t, "ids": [CAPTION_TOKENS.index(t)], "tokens": [t]} for t in ["[CLS]", "[SEP]"]}
    return tokenizer


def write_caption_encoder_decoder():
    folder = os.path.join(OUT, "captioner-encoder-decoder")
    os.makedirs(folder, exist_ok=True)
    image = torch.rand(2, 3, SIZE, SIZE)
    torch.onnx.export(CaptionEncoder().eval(), (image,), os.path.join(folder, "encoder.onnx"), opset_version=13,
                      input_names=["pixel_values"], output_names=["last_hidden_state"],
                      dynamic_axes={"pixel_values": {0: "batch"}, "last_hidden_state": {0: "batch"}})
    ids = torch.tensor([[4, 5, 6, 7], [4, 5, 6, 7]])
    states = torch.rand(2, 2, 4)
    torch.onnx.export(CaptionDecoder().eval(), (ids, torch.ones_like(ids), states),
                      os.path.join(folder, "decoder.onnx"), opset_version=13,
                      input_names=["input_ids", "attention_mask", "encoder_hidden_states"], output_names=["logits"],
                      dynamic_axes={"input_ids": {0: "sequences", 1: "length"},
                                    "attention_mask": {0: "sequences", 1: "length"},
                                    "encoder_hidden_states": {0: "sequences"}, "logits": {0: "sequences", 1: "length"}})
    meta = {"input_size": [SIZE, SIZE], "mean": CLIP_MEAN, "std": CLIP_STD, "resize": "stretch",
            "interpolation": "bicubic", "task": "captioner", "engine": "OnnxRuntime", "layout": "encoder-decoder",
            "name": "tiny-captioner-encoder-decoder", "prompt": "a picture of",
            "bos_token_id": CAPTION_TOKENS.index("[DEC]"), "eos_token_id": CAPTION_TOKENS.index("[SEP]"),
            "pad_token_id": CAPTION_TOKENS.index("[PAD]"),
            "generation": {"num_beams": 3, "max_length": 30, "min_length": 5, "repetition_penalty": 1.0}}
    write_json(folder, "model.json", meta, 2)
    write_json(folder, "tokenizer.json", caption_tokenizer_json(), 1)


class ClipEmbedder(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.denormalize = Denormalize(CLIP_MEAN, CLIP_STD)

    def forward(self, pixel_values):
        rgb, _ = self.denormalize(pixel_values)
        h = rgb.shape[2] // 2
        w = rgb.shape[3] // 2
        tokens = [rgb.mean(dim=(2, 3))]
        for k, (top, left) in enumerate([(0, 0), (0, w), (h, 0), (h, w)]):
            tokens.append((k + 1) * rgb[:, :, top:top + h, left:left + w].mean(dim=(2, 3)))
        hidden = torch.stack(tokens, dim=1)  # [B,5,3]
        return hidden, 2 * hidden[:, 0]


def write_clip_embedder():
    folder = os.path.join(OUT, "embedder-clip")
    os.makedirs(folder, exist_ok=True)
    torch.onnx.export(ClipEmbedder().eval(), (torch.rand(2, 3, 16, 16),), os.path.join(folder, "model.onnx"),
                      opset_version=13, input_names=["pixel_values"],
                      output_names=["last_hidden_state", "pooler_output"],
                      dynamic_axes={"pixel_values": {0: "batch"}, "last_hidden_state": {0: "batch"},
                                    "pooler_output": {0: "batch"}})
    meta = {"input_size": [16, 16], "mean": CLIP_MEAN, "std": CLIP_STD, "resize": "center-crop",
            "shortest_edge": 16, "interpolation": "bicubic", "task": "embedder", "engine": "OnnxRuntime",
            "name": "tiny-clip-embedder", "output": {"features": 3, "name": "last_hidden_state", "pooling": "cls"}}
    write_json(folder, "model.json", meta, 2)


def write_json(folder, name, value, indent):
    with open(os.path.join(folder, name), "w") as f:
        json.dump(value, f, indent=indent)
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
    write_grounding_dino("grounding-dino", GroundingDino(), ["logits", "pred_boxes"])
    write_grounding_dino("grounding-dino-pixel-mask", GroundingDino(pixel_mask=True), ["logits", "pred_boxes"])
    write_grounding_dino("grounding-dino-bad", GroundingDino(), ["logits", "boxes"])
    write_shorter_side_grounding_dino()
    write_caption_encoder_decoder()
    write_clip_embedder()


if __name__ == "__main__":
    main()
