"""A generator of realistic French/Arabic practices for benchmarks.

Sentences are drawn from the demo fiches (practices/demo/practices.jsonl), by
language, and recombined: the vocabulary, word lengths and script mix are those of
real content, at any size, deterministically for a given seed.
"""

import json
import random
import re
from pathlib import Path

DEMO = Path(__file__).resolve().parents[1] / "practices/demo/practices.jsonl"
TEXT_FIELDS = ("summary", "body", "context", "objectives", "results", "lessons")
SENTENCE = re.compile(r"(?<=[.!؟?])\s+")


def sentence_pools():
    """{language: [sentences]} from the demo's text fields."""
    pools = {"fr": [], "ar": []}
    for line in DEMO.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for name in TEXT_FIELDS:
            text = record.get(name) or ""
            pools[record["language"]].extend(
                s for s in SENTENCE.split(text) if len(s) > 30
            )
    return pools


def vocabulary(pools):
    """Words of 5+ letters per language: the queries of the latency benchmark."""
    words = {}
    for language, sentences in pools.items():
        found = {
            w for s in sentences for w in re.findall(r"\w{5,}", s) if not w.isdigit()
        }
        words[language] = sorted(found)
    return words


def practices(count, seed=7):
    """Yield ``count`` practice dicts (language, title, summary, body, year)."""
    rng = random.Random(seed)
    pools = sentence_pools()
    for number in range(count):
        language = "ar" if number % 3 == 2 else "fr"
        sentences = pools[language]
        title = rng.choice(sentences)[:90].rstrip(" ,.;:")
        yield {
            "language": language,
            "title": f"{title} ({number})",
            "summary": " ".join(rng.sample(sentences, 2)),
            "body": "\n\n".join(rng.sample(sentences, 6)),
            "year": rng.randint(2012, 2026),
        }
