#!/usr/bin/env python3
"""Writes N distributions in the seed's JSON file storage format (distribution_storage.py) into DIR:
distributions.json, slug_index.json and derivations.json, as `coursedist import-json DIR` reads them.

usage: make_seed_json.py COUNT DIR [--refused-every K]

Records come in the seed's order (appended oldest first). Every fifth record is a micro-niche
variant of an earlier original (derived_from), and one record in 40 is older than its parent's
neighbours so the importer cannot rely on the file's order. With --refused-every K, every K-th
record reuses an earlier slug, so the importer refuses it (0, the default: every record is valid).
Deterministic: the same arguments write the same bytes.
"""
import argparse
import json
import os
import random

LANGUAGES = ["de", "en", "en-US", "fr", "de-AT"]
AUDIENCES = ["Studierende", "Einsteiger", "Selbstständige", "parents", "engineers", "teachers"]
ACTIONS = ["open_course", "download_outline", "contact", "custom"]
BASE_TIME = 1_735_000_000.0


def record(index: int, rng: random.Random, originals: list) -> dict:
    distribution_id = f"dist_{index:016x}"
    parent = None
    if index % 5 == 4 and originals:
        parent = originals[rng.randrange(len(originals))]
    created_at = BASE_TIME + index * 60.5
    if index % 40 == 39:
        created_at -= 3600.25  # an hour older than its position in the file
    topic = f"Kurs {index} über Geld, Banken und Sparen"
    action = ACTIONS[index % len(ACTIONS)]
    visibility = ["PUBLIC", "PRIVATE", "UNLISTED"][index % 3]
    return {
        "distribution_id": distribution_id,
        "course_id": f"course-{index // 5:08d}",
        "slug": f"kurs-{index}-ueber-geld-und-banken",
        "language": LANGUAGES[index % len(LANGUAGES)],
        "title": topic,
        "description": (
            f"Ein praxisnaher Kurs Nummer {index}: Direktbanken, Genossenschaften und Neobanken "
            "im Vergleich, mit Beispielen und Übungen."
        ),
        "target_group": rng.sample(AUDIENCES, 2) if parent else [],
        "version": f"v{1 + index % 3}",
        "derived_from": parent,
        "seo": {
            "meta_title": topic[:60],
            "meta_description": (
                "Direktbanken, Genossenschaften und Neobanken im Vergleich: was passt zu Ihnen?"
            ),
            "keywords": ["banken", "sparen", f"kurs{index}"],
            "og_image_url": f"https://example.com/og/{index}.png" if index % 2 else None,
            "hreflang_alternates": {"en": f"https://example.com/en/course-{index}"},
        },
        "cta": {
            "label": "Jetzt starten",
            "action": action,
            "url": "https://example.com/contact" if action == "custom" else None,
        },
        "visibility": visibility,
        "published_at": created_at + 120.25 if visibility == "PUBLIC" else None,
        "created_at": created_at,
        "updated_at": created_at + 60.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("dir")
    parser.add_argument("--refused-every", type=int, default=0)
    args = parser.parse_args()

    rng = random.Random(12)
    distributions, slug_index, derivations = {}, {}, {}
    originals = []
    for index in range(args.count):
        d = record(index, rng, originals)
        if args.refused_every and index % args.refused_every == args.refused_every - 1:
            d["slug"] = distributions[f"dist_{0:016x}"]["slug"]  # taken by the first record
        distributions[d["distribution_id"]] = d
        slug_index.setdefault(d["slug"], d["distribution_id"])
        if d["derived_from"]:
            derivations.setdefault(d["derived_from"], []).append(d["distribution_id"])
        else:
            originals.append(d["distribution_id"])

    os.makedirs(args.dir, exist_ok=True)
    for name, data in [
        ("distributions.json", distributions),
        ("slug_index.json", slug_index),
        ("derivations.json", derivations),
    ]:
        with open(os.path.join(args.dir, name), "w", encoding="utf-8") as out:
            json.dump(data, out, indent=2, ensure_ascii=False)


if __name__ == "__main__":
    main()
