"""A synthetic corpus of ODOP-style wire stories for benchmarks: `python benchmarks/corpus.py N DIR`.

The stories are made from templates written for this project, filled with invented companies and
people and with real district-product pairings, so that a corpus of any size has the shape of real
copy (header, dateline, quotes, roles, partnerships, figures, sign-off). Seeded: the same N gives the
same files.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

PAIRS = [
    ("Moradabad", "brassware"), ("Firozabad", "glassware"), ("Bhadohi", "carpets"), ("Kannauj", "perfume"),
    ("Meerut", "sports goods"), ("Aligarh", "locks"), ("Varanasi", "silk sarees"), ("Gorakhpur", "terracotta"),
    ("Azamgarh", "black pottery"), ("Agra", "leather goods"), ("Lucknow", "chikankari"), ("Saharanpur", "wood carving"),
]
CITIES = ["Lucknow", "Varanasi", "Kanpur", "Agra", "Prayagraj", "Gorakhpur", "Meerut"]
FIRST = ["Asha", "Vikram", "Neha", "Rohit", "Pooja", "Sanjay", "Kavita", "Arvind", "Meera", "Tarun"]
LAST = ["Verma", "Mishra", "Saxena", "Yadav", "Khan", "Tiwari", "Agarwal", "Srivastava", "Pathak", "Rizvi"]
ORG_A = ["Kalpa", "Nirmal", "Suryoday", "Haathkala", "Desi", "Sangam", "Vastra", "Mitti", "Kaushal", "Prakriti"]
ORG_B = ["Commerce", "Bazaar", "Crafts", "Retail", "Exports", "Marketplace", "Traders", "Ventures"]
TITLES = ["Chief Executive Officer", "Managing Director", "Head of Seller Growth", "Vice President, Sales"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def story(i: int, rng: random.Random) -> str:
    (d1, p1), (d2, p2) = rng.sample(PAIRS, 2)
    org = f"{rng.choice(ORG_A)} {rng.choice(ORG_B)}"
    person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    official = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    city = rng.choice(CITIES)
    year = rng.randint(2019, 2024)
    month = rng.randrange(12)
    amount = rng.randint(2, 900)
    growth = rng.randint(3, 80)
    units = rng.randint(2, 60) * 1000
    return (
        f" date {year}-{month + 1:02d}-{rng.randint(1, 28):02d} {p1.capitalize()} sellers grow on {org}\n\n"
        f"{city}, {MONTHS[month]} {rng.randint(1, 28)} (IANS) Sales of {p1} from {d1} and {p2} from {d2} on "
        f"{org} rose {growth} per cent in {year - 1}-{str(year)[2:]}, the company said.\n\n"
        f"{org} signed an MoU with the Uttar Pradesh government's MSME department in {year - 1} to bring "
        f"One District One Product (ODOP) goods online.\n\n"
        f"More than {units:,} artisans have registered, and orders worth Rs {amount} crore were placed "
        f"from April {year - 1} to March {year}.\n\n"
        f'"Buyers now ask for {p1} by the name of the district," said {person}, {rng.choice(TITLES)}, {org}.\n\n'
        f"Principal Secretary, MSME, {official} said the state government would add more districts. "
        f'"Every district has a craft worth taking to the world," he added.\n\n'
        f"--IANS\n\nab/cd/\n"
    )


def write_corpus(n: int, folder: Path, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"story-{i:05d}.txt"
        path.write_text(story(i, rng), encoding="utf-8")
        paths.append(path)
    return paths


SYLLABLES = ["ka", "lo", "mi", "ru", "te", "zo", "va", "ne", "shi", "da", "po", "ge"]


def brand(i: int) -> str:
    """An invented one-word brand, different for every i."""
    word = ""
    while True:
        word += SYLLABLES[i % len(SYLLABLES)]
        i //= len(SYLLABLES)
        if i == 0:
            return word.capitalize() + "x"


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("bench-corpus")
    write_corpus(count, target)
    print(f"wrote {count} stories to {target}/")

