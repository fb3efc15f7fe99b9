"""Speaker-name matching a person would accept, and speaker precision/recall.

``normalize_name`` casefolds, strips diacritics (``ß`` becomes ``ss``), removes
parenthesised tags such as a party "(SPD)", splits on spaces, hyphens, slashes and
apostrophes, and drops

- articles and determiners (``ARTICLES``): der, die, das, den, dem, des, ein, eine, …,
  the, a, an, le, la, les, l, un, une, el, los, las, uno, una;
- titles and roles (``ROLES``): Dr., Prof., Herr, Frau, Mr., Mrs., President, Präsident,
  Minister, Kanzler, Sprecher, Senator, …; also compounds that end in a role word
  (``ROLE_SUFFIXES``: "Außenminister", "Kreml-Sprecher", "US-Präsidentin").

If dropping roles leaves nothing ("der Sprecher"), the role words are kept.

``names_match`` accepts two names when, after normalisation, the tokens of one are a
subset of the other's ("Rubio" ~ "US-Außenminister Marco Rubio", "Die SPD" ~ "SPD")
on a *key* of each token: a light stem (``light_stem``: German/English/French/Spanish
endings -en -er -es -e -s -n, so "russisches" ~ "russischen") followed by a
transliteration key (``phonetic_key``: w→v, z→s, j→y, tsch/sch/ch/kh folded, doubled
letters collapsed, final -ow/-ov/-off/-ev/-ew → -ov, final -ij/-iy/-yj/-y/-i → -i), so
"Lawrow" ~ "Lavrov", "Selenskyj" ~ "Zelenskyy", "Peskow" ~ "Peskov".
"""

from __future__ import annotations

import re
import unicodedata

ARTICLES = frozenset(
    {
        "der",
        "die",
        "das",
        "den",
        "dem",
        "des",
        "ein",
        "eine",
        "einer",
        "eines",
        "einem",
        "einen",
        "the",
        "a",
        "an",
        "le",
        "la",
        "les",
        "l",
        "un",
        "une",
        "el",
        "los",
        "las",
        "uno",
        "una",
    }
)
ROLES = frozenset(
    {
        "dr",
        "prof",
        "herr",
        "frau",
        "mr",
        "mrs",
        "ms",
        "mme",
        "mlle",
        "sir",
        "dame",
        "madame",
        "monsieur",
        "senor",
        "senora",
        "sr",
        "sra",
        "president",
        "prasident",
        "prasidentin",
        "presidente",
        "presidenta",
        "presidentin",
        "vizeprasident",
        "vice",
        "minister",
        "ministerin",
        "ministre",
        "ministro",
        "ministra",
        "premier",
        "premierminister",
        "prime",
        "secretary",
        "sekretar",
        "kanzler",
        "kanzlerin",
        "chancellor",
        "bundeskanzler",
        "bundeskanzlerin",
        "senator",
        "senatorin",
        "sen",
        "rep",
        "gov",
        "governor",
        "gouverneur",
        "gouverneurin",
        "general",
        "gen",
        "sprecher",
        "sprecherin",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "porte",
        "parole",
        "portavoz",
        "chef",
        "chefin",
        "ceo",
        "chairman",
        "chairwoman",
        "chair",
        "vorsitzende",
        "vorsitzender",
        "abgeordnete",
        "abgeordneter",
        "mp",
        "mdb",
        "konig",
        "konigin",
        "king",
        "queen",
        "papst",
        "pope",
        "us",
        "ex",
        "former",
        "ehemalige",
        "ehemaliger",
    }
)
ROLE_SUFFIXES = (
    "minister",
    "ministerin",
    "sprecher",
    "sprecherin",
    "prasident",
    "prasidentin",
    "kanzler",
    "kanzlerin",
    "chef",
    "chefin",
    "vorsitzende",
    "vorsitzender",
    "sekretar",
    "sekretarin",
    "botschafter",
    "botschafterin",
)
_STEM_ENDINGS = ("en", "er", "es", "e", "s", "n")
_TOKEN = re.compile(r"[^\W_]+(?:[-'’/][^\W_]+)*")


def fold(text: str) -> str:
    """Casefold and strip diacritics ("Außenminister Lawrów" → "aussenminister lawrow")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _is_role(token: str) -> bool:
    if token in ROLES:
        return True
    last = re.split(r"[-/]", token)[-1]
    return last in ROLES or any(last.endswith(suffix) for suffix in ROLE_SUFFIXES)


def name_tokens(name: str) -> list[str]:
    """The normalised tokens of a name: folded, no parentheses, articles and roles dropped."""
    text = re.sub(r"\([^)]*\)", " ", fold(name))
    words = [w for w in _TOKEN.findall(text) if w not in ARTICLES]
    kept = [w for w in words if not _is_role(w)] or words
    tokens = [part for w in kept for part in re.split(r"[-'’/]", w) if part]
    return [t for t in tokens if t not in ARTICLES]


def normalize_name(name: str) -> str:
    """Normalise a speaker name for comparison ("Kreml-Sprecher Dmitri Peskow (Russland)" → "dmitri peskow")."""
    return " ".join(name_tokens(name))


def light_stem(token: str) -> str:
    """Strip German/English/French/Spanish inflection endings, keeping a stem of at least 3 characters.

    Endings are stripped until none is left, so "bidens", "biden" and "bid" share a stem.
    """
    stripped = True
    while stripped:
        stripped = False
        for ending in _STEM_ENDINGS:
            if token.endswith(ending) and len(token) - len(ending) >= 3:
                token, stripped = token[: -len(ending)], True
                break
    return token


def phonetic_key(token: str) -> str:
    """A transliteration-insensitive key of a folded token ("lawrow" and "lavrov" → "lavrov")."""
    key = token.replace("tsch", "ch").replace("sch", "sh").replace("kh", "h").replace("ch", "h")
    key = key.replace("w", "v").replace("z", "s").replace("j", "y")
    key = re.sub(r"(.)\1+", r"\1", key)
    key = re.sub(r"(?:ov|of|ev|ef)$", "ov", key)
    return re.sub(r"(?<=.)[iy]+$", "i", key)


def token_key(token: str) -> str:
    """The matching key of one normalised token: light stem, then transliteration key."""
    return phonetic_key(light_stem(token))


def names_match(pred: str, gold: str) -> bool:
    """True when two speaker names denote the same speaker as far as a reader would accept."""
    a, b = name_tokens(pred), name_tokens(gold)
    if not a or not b:
        return False
    if a == b:
        return True
    ka, kb = {token_key(t) for t in a}, {token_key(t) for t in b}
    return ka <= kb or kb <= ka


def _distinct(names: list[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for name in names:
        key = normalize_name(name)
        if key and key not in seen:
            seen.add(key)
            out.append(name)
    return out


def speaker_prf(pred: list[str], gold: list[str]) -> dict[str, float]:
    """Precision, recall and F1 of predicted speakers against gold speakers, over distinct speakers.

    Both lists are made distinct by ``normalize_name``. Pairs are matched one-to-one, greedily,
    exact normalised matches first. A prediction that matches only an already-matched gold
    speaker ("Rubio" besides "Marco Rubio") is a duplicate: neither true nor false positive.
    No gold and no predictions scores 1.0 throughout; no gold but predictions: precision 0.0,
    recall 1.0; no predictions but gold: precision 1.0, recall 0.0.
    """
    preds, golds = _distinct(pred), _distinct(gold)
    if not golds:
        precision = 0.0 if preds else 1.0
        return {"precision": precision, "recall": 1.0, "f1": _f1(precision, 1.0)}
    if not preds:
        return {"precision": 1.0, "recall": 0.0, "f1": 0.0}
    pairs: list[tuple[int, int, int]] = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            if normalize_name(p) == normalize_name(g):
                pairs.append((0, i, j))
            elif names_match(p, g):
                pairs.append((1, i, j))
    used_pred: set[int] = set()
    used_gold: set[int] = set()
    for _, i, j in sorted(pairs):
        if i not in used_pred and j not in used_gold:
            used_pred.add(i)
            used_gold.add(j)
    matching = {i for _, i, _ in pairs}
    false_pos = len([i for i in range(len(preds)) if i not in matching])
    true_pos = len(used_pred)
    precision = true_pos / (true_pos + false_pos)
    recall = true_pos / len(golds)
    return {"precision": precision, "recall": recall, "f1": _f1(precision, recall)}


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
