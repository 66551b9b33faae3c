"""Training the risk models: chat corpora and Reddit posts, near-duplicate-aware splits, fit.

Used by the triage_train and triage_eval commands. The posts are research data: they are
read from a path given on the command line and never written to the repository or logs.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from triage import corpus
from triage.corpus import ChatExample
from triage.engine.model import (
    LONG_TEXT_CHARS,
    LinearTextModel,
    RiskModel,
    features,
    word_features,
)
from triage.engine.normalise import normalise

LABELS: tuple[str, ...] = (
    "supportive",
    "uninformative",
    "indicator",
    "ideation",
    "behavior",
    "attempt",
)
# The model's positive class: the writer's own suicidal risk (C-SSRS ideation and above).
RISK_LABELS = frozenset({"ideation", "behavior", "attempt"})

SEED = 20240611
TEST_SIZE = 0.25

# The dataset's authors replaced words with medical concept names ("Hyperactive behavior",
# "Feeling unhappy", "Ventricular") mid-sentence. A model learns these as if they were
# language, and they never occur in a chat, so we delete them before training and
# evaluation. Capitalised concept names that are ordinary words ("Depression", "Suicide")
# are kept: the model lower-cases them into the same feature a chat would give.
ARTEFACT_CONCEPTS: tuple[str, ...] = (
    "Excessive upper gastrointestinal gas",
    "Malignant neoplastic disease",
    "Drug withdrawal syndrome",
    "Hyperactive behavior",
    "Abnormal behavior",
    "Depressed mood",
    "Sad mood",
    "Feeling unhappy",
    "Emotional upset",
    "Social fear",
    "Drug abuse",
    "Drug withdrawal",
    "Sedated state",
    "Rash generalised",
    "Mental",
    "Irritable",
    "Dysfunction",
    "Chest",
    "Ventricular",
    "Phobia",
    "Reflex",
    "Attention",
    "Deficit",
    "Respiratory",
    "Distress",
    "Syndrome",
    "Hypothermia",
    "Asthenia",
    "Localized",
    "Abnormal",
    "Genital",
    "Diseases",
    "Increased",
    "Disorder",
    "Hypersomnia",
    "Exhaustion",
    "Flatulence",
    "Megacolon",
    "Nausea",
    "Spasm",
    "Sweating",
    "Confusion",
    "Weakness",
    "Toxic",
    "Numbness",
    "Bleeding",
    "Vomiting",
    "Erectile",
    "Oedema",
    "Depersonalization",
    "Injury",
    "Disability",
    "Ache",
    "Mood",
    "Left ventricular",
    # These two replace ordinary words ("Tired much" for "so much", "Pain yourself" for
    # "hurt yourself") and would teach the model a phrasing no chat uses.
    "Tired",
    "Pain",
)
# Only mid-sentence (after a lower-case word or a comma), so sentence-initial words stay.
_ARTEFACT_RE = re.compile(
    r"(?<=[a-z0-9,;:)] )(?:"
    + "|".join(re.escape(c) for c in sorted(ARTEFACT_CONCEPTS, key=len, reverse=True))
    + r")\b"
)


def neutralise_artefacts(text: str) -> str:
    """Delete the dataset's inserted medical concept names."""
    return _ARTEFACT_RE.sub("", text)


@dataclass(frozen=True)
class Post:
    id: str
    user: str
    text: str
    label: str

    @property
    def at_risk(self) -> bool:
        return self.label in RISK_LABELS


def load_posts(path: Path) -> list[Post]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {"id", "user", "text", "label"} - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"{path} lacks columns: {', '.join(sorted(missing))}")
        posts = [
            Post(row["id"], row["user"], neutralise_artefacts(row["text"]), row["label"])
            for row in reader
        ]
    unknown = {p.label for p in posts} - set(LABELS)
    if unknown:
        raise ValueError(f"{path} has unknown labels: {', '.join(sorted(unknown))}")
    return posts


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def split_by_user(posts: list[Post]) -> tuple[list[Post], list[Post]]:
    """Hold out a quarter of the users (fixed seed): no writer is in both halves."""
    from sklearn.model_selection import GroupShuffleSplit

    splitter = GroupShuffleSplit(n_splits=1, test_size=TEST_SIZE, random_state=SEED)
    groups = [p.user for p in posts]
    train_idx, test_idx = next(splitter.split(np.zeros(len(posts)), groups=groups))
    return [posts[i] for i in sorted(train_idx)], [posts[i] for i in sorted(test_idx)]


# --- the per-language chat models ---------------------------------------------------------

CHAT_C = 4.0
CHAT_MIN_DF = 2
CHAT_MAX_FEATURES = 30_000
# Reddit essays are long and written for peers, not a crisis line; they add recall on
# vocabulary the chat corpus lacks, at half the weight of a chat line.
REDDIT_WEIGHT = 0.5
# Cosine similarity (character 3-grams) at which two lines count as near-duplicates and
# must land on the same side of every split.
NEAR_DUPLICATE = 0.8
FOLDS = 5


@dataclass(frozen=True)
class Example:
    """One training text for a language model: normalised, with its label and group."""

    text: str  # normalised (engine.normalise)
    positive: bool  # high or imminent (C-SSRS ideation, behaviour, attempt for Reddit)
    tier: str  # low, medium, high or imminent (Reddit: mapped from its C-SSRS label)
    group: str  # near-duplicate cluster or Reddit user: never split across folds
    source: str  # "chat", "reddit" or "wrapup"
    weight: float = 1.0


_REDDIT_TIER = {
    "supportive": "low",
    "uninformative": "low",
    "indicator": "medium",
    "ideation": "high",
    "behavior": "high",
    "attempt": "high",
}


def chat_examples(examples: list[ChatExample], language: str) -> list[Example]:
    picked = [e for e in examples if e.lang == language]
    texts = [normalise(e.text).text for e in picked]
    groups = near_duplicate_groups(texts)
    return [
        Example(text, e.high_or_above, e.tier, f"chat:{g}", "chat")
        for e, text, g in zip(picked, texts, groups, strict=True)
    ]


def reddit_examples(posts: list[Post]) -> list[Example]:
    return [
        Example(
            normalise(p.text).text,
            p.at_risk,
            _REDDIT_TIER[p.label],
            f"reddit:{p.user}",
            "reddit",
            REDDIT_WEIGHT,
        )
        for p in posts
    ]


def near_duplicate_groups(texts: list[str]) -> list[int]:
    """A cluster number per text: texts whose character 3-gram vectors have cosine
    similarity of NEAR_DUPLICATE or more are joined (transitively)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    if not texts:
        return []
    vectors = TfidfVectorizer(analyzer="char", ngram_range=(3, 3)).fit_transform(texts)
    similar = (vectors @ vectors.T).tocoo()
    parent = list(range(len(texts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j, value in zip(similar.row, similar.col, similar.data, strict=True):
        if i < j and value >= NEAR_DUPLICATE:
            parent[root(int(i))] = root(int(j))
    return [root(i) for i in range(len(texts))]


def make_chat_pipeline(c: float = CHAT_C) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    return Pipeline(
        [
            (
                "tfidf",
                TfidfVectorizer(
                    analyzer=features,
                    sublinear_tf=True,
                    min_df=CHAT_MIN_DF,
                    max_features=CHAT_MAX_FEATURES,
                    dtype=np.float64,
                ),
            ),
            ("logreg", LogisticRegression(C=c, max_iter=5000, solver="liblinear")),
        ]
    )


def fit_examples(examples: list[Example], c: float = CHAT_C) -> Any:
    pipe = make_chat_pipeline(c)
    pipe.fit(
        [e.text for e in examples],
        np.array([e.positive for e in examples], dtype=int),
        logreg__sample_weight=np.array([e.weight for e in examples]),
    )
    return pipe


def out_of_fold(examples: list[Example], c: float = CHAT_C) -> np.ndarray:
    """Probabilities for every example from a model that never saw its group."""
    from sklearn.model_selection import GroupKFold

    out = np.zeros(len(examples))
    groups = [e.group for e in examples]
    for fit_idx, val_idx in GroupKFold(n_splits=FOLDS).split(examples, groups=groups):
        pipe = fit_examples([examples[i] for i in fit_idx], c)
        out[val_idx] = pipe.predict_proba([examples[i].text for i in val_idx])[:, 1]
    return out


def chat_thresholds(examples: list[Example], probabilities: np.ndarray) -> dict[str, float]:
    """Where the model may raise a tier, from out-of-fold probabilities on the chat lines:
    to high where at most one in twenty low or medium lines is that high ("high"), to
    medium where at most three in a hundred low lines are ("medium"), and from low
    straight to high where at most two in a hundred low lines are ("high_from_low").
    Never below 0.5 / 0.3 / 0.7, so a raise always means the model leans towards risk."""
    chat = [(e, p) for e, p in zip(examples, probabilities, strict=True) if e.source == "chat"]
    below_high = np.array([p for e, p in chat if e.tier in ("low", "medium")])
    low = np.array([p for e, p in chat if e.tier == "low"])
    high = float(np.quantile(below_high, 0.95)) if len(below_high) else 0.8
    medium = float(np.quantile(low, 0.97)) if len(low) else 0.5
    high_from_low = float(np.quantile(low, 0.98)) if len(low) else 0.9
    return {
        "medium": round(max(medium, 0.3), 4),
        "high": round(max(high, 0.5), 4),
        "high_from_low": round(max(high_from_low, 0.7), 4),
    }


# --- the long-text (essay) model: Reddit training users only -------------------------------

ESSAY_C = 3.0
ESSAY_MAX_FEATURES = 40_000


def make_essay_pipeline() -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    return Pipeline(
        [
            (
                "tfidf",
                TfidfVectorizer(
                    analyzer=word_features,
                    sublinear_tf=True,
                    min_df=2,
                    max_features=ESSAY_MAX_FEATURES,
                    dtype=np.float64,
                ),
            ),
            (
                "logreg",
                LogisticRegression(
                    C=ESSAY_C, class_weight="balanced", max_iter=5000, solver="liblinear"
                ),
            ),
        ]
    )


def train_essay_model(posts: list[Post]) -> tuple[LinearTextModel, Any]:
    """The word model for long English texts, on the Reddit training users: thresholds at
    the 80th and 90th percentiles of user-grouped out-of-fold probabilities."""
    from sklearn.model_selection import GroupKFold

    texts = [normalise(p.text).text for p in posts]
    y = np.array([p.at_risk for p in posts], dtype=int)
    groups = [p.user for p in posts]
    oof = np.zeros(len(posts))
    for fit_idx, val_idx in GroupKFold(n_splits=FOLDS).split(texts, y, groups):
        pipe = make_essay_pipeline()
        pipe.fit([texts[i] for i in fit_idx], y[fit_idx])
        oof[val_idx] = pipe.predict_proba([texts[i] for i in val_idx])[:, 1]
    pipe = make_essay_pipeline()
    pipe.fit(texts, y)
    thresholds = {
        "medium": round(float(np.quantile(oof, 0.80)), 4),
        "high": round(float(np.quantile(oof, 0.90)), 4),
    }
    meta = {
        "language": "en",
        "texts": f"long (from {LONG_TEXT_CHARS} characters)",
        "positive": "C-SSRS ideation, behavior, attempt",
        "reddit_posts": len(posts),
        "C": ESSAY_C,
    }
    model = to_linear_model(pipe, thresholds, meta)
    return LinearTextModel(
        model.vocabulary, model.idf, model.coef, model.intercept, thresholds, meta, "words"
    ), pipe


def to_linear_model(
    pipe: Any, thresholds: dict[str, float], meta: dict[str, Any]
) -> LinearTextModel:
    """Copy the fitted vocabulary, idf and coefficients into our JSON-able model."""
    tfidf = pipe.named_steps["tfidf"]
    logreg = pipe.named_steps["logreg"]
    return LinearTextModel(
        vocabulary={term: int(i) for term, i in tfidf.vocabulary_.items()},
        idf=tuple(float(x) for x in tfidf.idf_),
        coef=tuple(float(x) for x in logreg.coef_[0]),
        intercept=float(logreg.intercept_[0]),
        thresholds=thresholds,
        meta=meta,
    )


@dataclass(frozen=True)
class LanguageFit:
    model: LinearTextModel
    pipe: Any
    examples: list[Example]
    out_of_fold: np.ndarray


def train_language(language: str, examples: list[Example]) -> LanguageFit:
    oof = out_of_fold(examples)
    pipe = fit_examples(examples)
    counts: dict[str, int] = {}
    for e in examples:
        counts[e.source] = counts.get(e.source, 0) + 1
    meta = {
        "language": language,
        "positive": "tier high or imminent (Reddit: C-SSRS ideation, behavior, attempt)",
        "examples": counts,
        "groups": len({e.group for e in examples}),
        "C": CHAT_C,
        "min_df": CHAT_MIN_DF,
        "max_features": CHAT_MAX_FEATURES,
        "reddit_weight": REDDIT_WEIGHT,
    }
    model = to_linear_model(pipe, chat_thresholds(examples, oof), meta)
    return LanguageFit(model, pipe, examples, oof)


def train(
    data: Path | None,
    out: Path,
    *,
    extra: list[ChatExample] | None = None,
) -> tuple[RiskModel, dict[str, LanguageFit], list[Post]]:
    """Fit one model per language on the chat corpus (triage/data/train_*.jsonl, plus
    `extra` labelled lines such as counselors' wrap-ups) and, for English, the Reddit
    training users; write the artefact. Returns the models, the fits (for checks) and the
    held-out Reddit posts (empty without data)."""
    chat = corpus.load_split("train") + list(extra or [])
    held_out: list[Post] = []
    reddit: list[Example] = []
    meta: dict[str, Any] = {"seed": SEED, "chat_files": [p.name for p in corpus.files("train")]}
    train_posts: list[Post] = []
    if data is not None:
        train_posts, held_out = split_by_user(load_posts(data))
        reddit = reddit_examples(train_posts)
        meta.update(
            {
                "reddit": "cssrs_reddit_posts.csv (Gaur et al. 2019, CC BY 4.0), training users",
                "data_sha256": file_sha256(data),
                "reddit_test_size": TEST_SIZE,
                "artefacts_removed": len(ARTEFACT_CONCEPTS),
            }
        )
    fits = {
        language: train_language(
            language, chat_examples(chat, language) + (reddit if language == "en" else [])
        )
        for language in sorted(corpus.LANGUAGES)
    }
    long_texts: dict[str, LinearTextModel] = {}
    if data is not None:
        long_texts["en"], _essay_pipe = train_essay_model(train_posts)
    model = RiskModel({lang: fit.model for lang, fit in fits.items()}, meta, long_texts)
    model.save(out)
    return model, fits, held_out


def top_features(model: LinearTextModel, n: int = 25) -> tuple[list[str], list[str]]:
    """The n terms pushing most towards risk and towards no risk (to check for artefacts)."""
    terms = sorted(model.vocabulary, key=model.vocabulary.__getitem__)
    order = np.argsort(np.array(model.coef))
    return [terms[i] for i in order[::-1][:n]], [terms[i] for i in order[:n]]
