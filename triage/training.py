"""Training data handling for the English model: loading, artefact clean-up, user split, fit.

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

from triage.engine.model import LinearTextModel, analyze

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
# Inverse regularisation strength, picked by 5-fold user-grouped CV on the training split
# (C in 1, 3, 10, 30; see triage/README.md).
C = 3.0
MIN_DF = 2
MAX_FEATURES = 40_000

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


def make_pipeline(c: float = C) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    return Pipeline(
        [
            (
                "tfidf",
                TfidfVectorizer(
                    analyzer=analyze,
                    sublinear_tf=True,
                    min_df=MIN_DF,
                    max_features=MAX_FEATURES,
                    dtype=np.float64,
                ),
            ),
            (
                "logreg",
                LogisticRegression(C=c, class_weight="balanced", max_iter=5000, solver="liblinear"),
            ),
        ]
    )


def cross_validated_probabilities(posts: list[Post], c: float = C) -> np.ndarray:
    """Out-of-fold probabilities on posts, folds grouped by user (deterministic)."""
    from sklearn.model_selection import GroupKFold

    texts = [p.text for p in posts]
    y = np.array([p.at_risk for p in posts], dtype=int)
    groups = [p.user for p in posts]
    out = np.zeros(len(posts))
    for fit_idx, val_idx in GroupKFold(n_splits=5).split(texts, y, groups):
        pipe = make_pipeline(c)
        pipe.fit([texts[i] for i in fit_idx], y[fit_idx])
        out[val_idx] = pipe.predict_proba([texts[i] for i in val_idx])[:, 1]
    return out


def fit(posts: list[Post], c: float = C) -> Any:
    pipe = make_pipeline(c)
    pipe.fit([p.text for p in posts], np.array([p.at_risk for p in posts], dtype=int))
    return pipe


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


def thresholds_from(probabilities: np.ndarray) -> dict[str, float]:
    """Model probabilities that may raise a tier: the top 20% (medium) and top 10% (high)
    of out-of-fold scores on the training users."""
    return {
        "medium": round(float(np.quantile(probabilities, 0.80)), 4),
        "high": round(float(np.quantile(probabilities, 0.90)), 4),
    }


def train(data: Path, out: Path) -> tuple[LinearTextModel, Any, list[Post]]:
    """Fit on the training users and write the artefact. Returns the model, the sklearn
    pipeline (for checks) and the held-out posts."""
    posts = load_posts(data)
    train_posts, test_posts = split_by_user(posts)
    oof = cross_validated_probabilities(train_posts)
    pipe = fit(train_posts)
    meta = {
        "trained_on": "cssrs_reddit_posts.csv (Gaur et al. 2019, CC BY 4.0), training users only",
        "data_sha256": file_sha256(data),
        "positive_labels": sorted(RISK_LABELS),
        "seed": SEED,
        "test_size": TEST_SIZE,
        "n_train_posts": len(train_posts),
        "n_train_users": len({p.user for p in train_posts}),
        "C": C,
        "min_df": MIN_DF,
        "max_features": MAX_FEATURES,
        "artefacts_removed": len(ARTEFACT_CONCEPTS),
    }
    model = to_linear_model(pipe, thresholds_from(oof), meta)
    model.save(out)
    return model, pipe, test_posts


def top_features(model: LinearTextModel, n: int = 25) -> tuple[list[str], list[str]]:
    """The n terms pushing most towards risk and towards no risk (to check for artefacts)."""
    terms = sorted(model.vocabulary, key=model.vocabulary.__getitem__)
    order = np.argsort(np.array(model.coef))
    return [terms[i] for i in order[::-1][:n]], [terms[i] for i in order[:n]]
