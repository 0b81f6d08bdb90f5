#!/usr/bin/env python3
"""A BLIP captioner → a Tagforge encoder-decoder captioner folder (ONNX pair + tokenizer.json).

    python3 blip.py --out DIR --images DIR transformers --model Salesforce/blip-image-captioning-large
    python3 blip.py --out DIR --images DIR torch

Writes DIR/encoder.onnx (pixel_values → last_hidden_state [B,S,D]), DIR/decoder.onnx (input_ids,
attention_mask [N,L], encoder_hidden_states [N,S,D] → logits [N,L,V]; dynamic batch and length),
DIR/tokenizer.json, DIR/model.json (layout encoder-decoder: BOS, EOS, PAD, prompt, BLIP's generation defaults)
and DIR/reference.json (the original model's captions on the images, prompt removed).

Builders:
  transformers  BlipForConditionalGeneration; captions from its own generate() with model.json's settings.
                Needs: transformers 4.30+, torch 2.x, onnx 1.14+; the model's folder or hub id in the local cache.
  torch         a small transformer encoder-decoder (patch embedding, nn.TransformerEncoder/Decoder) with random
                weights and a WordPiece tokenizer.json written here: the same export path, for machines without
                BLIP; its reference captions come from greedy search in this script (num_beams 1).
                Needs: torch 1.13+, onnx.
"""
import argparse
import os

import torch

import common

BLIP_GENERATION = {"num_beams": 3, "max_length": 30, "min_length": 5, "repetition_penalty": 1.0}
TOY_WORDS = ["a", "picture", "of", "man", "woman", "dog", "cat", "car", "street", "table", "pizza", "on", "the",
             "with", "in", "sitting", "standing", "park", "##ing", "##s", "red", "white", "plate", "field"]
TOY_SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[DEC]"]


class Encoder(torch.nn.Module):
    def __init__(self, vision):
        super().__init__()
        self.vision = vision

    def forward(self, pixel_values):
        return self.vision(pixel_values=pixel_values)[0]


class Decoder(torch.nn.Module):
    def __init__(self, text_decoder):
        super().__init__()
        self.text_decoder = text_decoder

    def forward(self, input_ids, attention_mask, encoder_hidden_states):
        return self.text_decoder(input_ids=input_ids, attention_mask=attention_mask,
                                 encoder_hidden_states=encoder_hidden_states, return_dict=False)[0]


class ToyEncoder(torch.nn.Module):
    def __init__(self, width=64):
        super().__init__()
        self.patches = torch.nn.Conv2d(3, width, 16, stride=16)
        layer = torch.nn.TransformerEncoderLayer(width, 4, 128, batch_first=True)
        self.encoder = torch.nn.TransformerEncoder(layer, 2)

    def forward(self, pixel_values):
        tokens = self.patches(pixel_values).flatten(2).transpose(1, 2)
        return self.encoder(tokens)


class ToyDecoder(torch.nn.Module):
    def __init__(self, vocabulary, width=64):
        super().__init__()
        self.embed = torch.nn.Embedding(vocabulary, width)
        self.position = torch.nn.Embedding(64, width)
        layer = torch.nn.TransformerDecoderLayer(width, 4, 128, batch_first=True)
        self.decoder = torch.nn.TransformerDecoder(layer, 2)
        self.head = torch.nn.Linear(width, vocabulary)

    def forward(self, input_ids, attention_mask, encoder_hidden_states):
        length = input_ids.shape[1]
        positions = torch.ones_like(input_ids).cumsum(dim=1) - 1
        x = self.embed(input_ids) + self.position(positions)
        causal = torch.triu(torch.full((length, length), float("-inf")), diagonal=1)
        x = self.decoder(x, encoder_hidden_states, tgt_mask=causal, tgt_key_padding_mask=attention_mask == 0)
        return self.head(x)


def toy_tokenizer():
    tokens = TOY_SPECIAL + TOY_WORDS
    return tokens, {
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [{"id": i, "content": t, "single_word": False, "lstrip": False, "rstrip": False,
                          "normalized": False, "special": True} for i, t in enumerate(TOY_SPECIAL)],
        "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
                       "strip_accents": None, "lowercase": True},
        "pre_tokenizer": {"type": "BertPreTokenizer"}, "post_processor": None,
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                  "max_input_chars_per_word": 100, "vocab": {t: i for i, t in enumerate(tokens)}}}


def greedy(encoder, decoder, pixels, start, eos, generation):
    """Greedy search with Hugging Face's rules (lengths count BOS and prompt; EOS banned before min_length)."""
    hidden = encoder(pixels)
    results = []
    for b in range(pixels.shape[0]):
        ids = list(start)
        while len(ids) < generation["max_length"]:
            x = torch.tensor([ids])
            logits = decoder(x, torch.ones_like(x), hidden[b:b + 1])[0, -1]
            if len(ids) < generation["min_length"]:
                logits[eos] = float("-inf")
            token = int(logits.argmax())
            if token == eos:
                break
            ids.append(token)
        results.append(ids[len(start):])
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True)
    common.image_options(parser)
    parser.add_argument("--prompt", default="a picture of")
    parser.add_argument("--name")
    builders = parser.add_subparsers(dest="builder", required=True)
    tf = builders.add_parser("transformers")
    tf.add_argument("--model", required=True)
    toy = builders.add_parser("torch")
    toy.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    images = common.images(args)
    os.makedirs(args.out, exist_ok=True)
    meta = {"task": "captioner", "engine": "OnnxRuntime", "layout": "encoder-decoder",
            "name": args.name or os.path.basename(os.path.abspath(args.out)), "resize": "stretch",
            "interpolation": "bicubic", "mean": common.CLIP_MEAN, "std": common.CLIP_STD, "prompt": args.prompt}

    if args.builder == "transformers":
        from transformers import BlipForConditionalGeneration, BlipProcessor
        processor = BlipProcessor.from_pretrained(args.model)
        model = BlipForConditionalGeneration.from_pretrained(args.model).eval()
        size = model.config.vision_config.image_size
        encoder, decoder = Encoder(model.vision_model), Decoder(model.text_decoder)
        processor.tokenizer.backend_tokenizer.save(os.path.join(args.out, "tokenizer.json"))
        text = model.config.text_config
        meta.update({"input_size": [size, size], "bos_token_id": text.bos_token_id, "eos_token_id": text.sep_token_id,
                     "pad_token_id": text.pad_token_id, "generation": BLIP_GENERATION})
        pixels = common.prepared_batch(images, meta)
        prompt = processor(text=[args.prompt] * len(images), return_tensors="pt")
        with torch.no_grad():
            out = model.generate(pixel_values=pixels, input_ids=prompt.input_ids, **BLIP_GENERATION)
        captions = [processor.decode(o, skip_special_tokens=True)[len(args.prompt):].strip() for o in out]
        vocabulary = text.vocab_size
    else:
        torch.manual_seed(args.seed)
        tokens, tokenizer = toy_tokenizer()
        common.write_json(args.out, "tokenizer.json", tokenizer)
        encoder, decoder = ToyEncoder().eval(), ToyDecoder(len(tokens)).eval()
        generation = dict(BLIP_GENERATION, num_beams=1)
        meta.update({"input_size": [224, 224], "bos_token_id": tokens.index("[DEC]"),
                     "eos_token_id": tokens.index("[SEP]"), "pad_token_id": 0, "generation": generation})
        pixels = common.prepared_batch(images, meta)
        start = [tokens.index("[DEC]")] + [tokens.index(w) for w in args.prompt.split()]
        with torch.no_grad():
            ids = greedy(encoder, decoder, pixels, start, tokens.index("[SEP]"), generation)
        captions = [_wordpiece(tokens, i) for i in ids]
        vocabulary = len(tokens)

    with torch.no_grad():
        hidden = encoder(pixels[:1])
    ids = torch.tensor([[meta["bos_token_id"], 5, 6, 7]])
    torch.onnx.export(encoder, (pixels[:1],), os.path.join(args.out, "encoder.onnx"), opset_version=14,
                      input_names=["pixel_values"], output_names=["last_hidden_state"],
                      dynamic_axes={"pixel_values": {0: "batch"}, "last_hidden_state": {0: "batch"}})
    torch.onnx.export(decoder, (ids, torch.ones_like(ids), hidden), os.path.join(args.out, "decoder.onnx"),
                      opset_version=14, input_names=["input_ids", "attention_mask", "encoder_hidden_states"],
                      output_names=["logits"],
                      dynamic_axes={"input_ids": {0: "sequences", 1: "length"},
                                    "attention_mask": {0: "sequences", 1: "length"},
                                    "encoder_hidden_states": {0: "sequences"}, "logits": {0: "sequences", 1: "length"}})
    common.write_json(args.out, "model.json", meta)
    common.write_reference(args.out, images, "captions", captions, vocabulary=vocabulary)
    print("wrote", args.out, captions)


def _wordpiece(tokens, ids):
    """WordPiece detokenizing (what the tokenizers package does): pieces merged, special tokens dropped."""
    text = ""
    for i in ids:
        token = tokens[i]
        if token in TOY_SPECIAL:
            continue
        text += token[2:] if token.startswith("##") else (" " if text else "") + token
    return text


if __name__ == "__main__":
    main()
