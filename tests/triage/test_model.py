"""The risk model artefact: small reviewable JSON (no pickle), one model per language,
scored in plain Python exactly as scikit-learn scores it, and reproducible by training."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from triage import corpus, training
from triage.engine.model import ARTIFACT_PATH, FORMAT, RiskModel, load_model
from triage.engine.normalise import normalise


@dataclass(frozen=True)
class Trained:
    out: Path
    model: RiskModel
    fits: dict[str, training.LanguageFit]
    held_out: list[training.Post]


@pytest.fixture(scope="module")
def train_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the chat training files taken once, so every training in this module
    reads the same lines even while someone edits triage/data."""
    folder = tmp_path_factory.mktemp("train_files")
    for path in corpus.files("train"):
        shutil.copy(path, folder / path.name)
    return folder


def train(train_files: Path, data: Path | None, out: Path) -> Trained:
    load_split, files = corpus.load_split, corpus.files
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            corpus, "load_split", lambda split, data_dir=train_files: load_split(split, data_dir)
        )
        patch.setattr(corpus, "files", lambda split, data_dir=train_files: files(split, data_dir))
        model, fits, held_out = training.train(data, out)
    return Trained(out, model, fits, held_out)


# Training takes 15-30 s: each variant runs once per module.
@pytest.fixture(scope="module")
def chat_only(tmp_path_factory: pytest.TempPathFactory, train_files: Path) -> Trained:
    return train(train_files, None, tmp_path_factory.mktemp("chat_only") / "model.json")


@pytest.fixture(scope="module")
def with_reddit(
    tmp_path_factory: pytest.TempPathFactory, train_files: Path, cssrs_data: Path
) -> Trained:
    return train(train_files, cssrs_data, tmp_path_factory.mktemp("with_reddit") / "model.json")


def dev_lines(language: str) -> list[str]:
    """The chat development lines of one language, normalised as the model reads them."""
    return [normalise(e.text).text for e in corpus.load_split("dev") if e.lang == language]


def sklearn_proba(fit: training.LanguageFit, texts: list[str]) -> np.ndarray:
    return np.asarray(fit.pipe.predict_proba(texts)[:, 1])


def our_proba(model: RiskModel, language: str, texts: list[str]) -> np.ndarray:
    scorer = model.for_language(language)
    assert scorer is not None
    return np.array([scorer.predict_proba(t) for t in texts])


# --- the committed artefact --------------------------------------------------------------------


def committed_payload() -> dict[str, Any]:
    raw = ARTIFACT_PATH.read_bytes()
    assert not raw.startswith(b"\x80"), "the artefact is a pickle"
    payload: dict[str, Any] = json.loads(raw)
    return payload


def test_artefact_is_small_json_in_the_current_format() -> None:
    assert ARTIFACT_PATH.stat().st_size < 5_000_000
    assert committed_payload()["format"] == FORMAT


@pytest.mark.parametrize("language", ["en", "ja"])
def test_artefact_has_equal_length_terms_idf_and_coefficients(language: str) -> None:
    model = committed_payload()["languages"][language]
    assert len(model["terms"]) == len(model["idf"]) == len(model["coef"]) > 0


@pytest.mark.parametrize("language", ["en", "ja"])
def test_artefact_thresholds_are_probabilities(language: str) -> None:
    thresholds = committed_payload()["languages"][language]["thresholds"]
    assert set(thresholds) == {"medium", "high", "high_from_low"}
    assert all(0 < value < 1 for value in thresholds.values())


OBVIOUS = {
    "en": ("i want to kill myself tonight, i have the pills", "going to the cinema with my mates"),
    "ja": ("もう死にたい、今夜終わりにする", "明日は友達と映画に行く"),
}


@pytest.mark.parametrize("language", ["en", "ja"])
def test_committed_model_ranks_crisis_text_above_everyday_text(language: str) -> None:
    model = load_model()
    assert model is not None
    crisis, everyday = OBVIOUS[language]
    proba = our_proba(model, language, [normalise(crisis).text, normalise(everyday).text])
    assert proba[0] > proba[1]


def test_missing_artefact_means_rules_only(tmp_path: Path) -> None:
    assert load_model(tmp_path / "absent.json") is None


def test_artefact_in_another_format_is_not_loaded(tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    path.write_text(json.dumps({"format": "kizuna-triage/1", "terms": []}), encoding="utf-8")
    assert load_model(path) is None


# --- training ------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "ja"])
def test_our_scoring_reproduces_sklearn_trained_on_the_chat_corpus(
    chat_only: Trained, language: str
) -> None:
    texts = dev_lines(language)
    expected = sklearn_proba(chat_only.fits[language], texts)
    assert np.max(np.abs(our_proba(chat_only.model, language, texts) - expected)) < 1e-9


def test_our_scoring_reproduces_sklearn_trained_with_reddit(with_reddit: Trained) -> None:
    texts = [normalise(p.text).text for p in with_reddit.held_out]
    expected = sklearn_proba(with_reddit.fits["en"], texts)
    assert np.max(np.abs(our_proba(with_reddit.model, "en", texts) - expected)) < 1e-9


@pytest.mark.parametrize("language", ["en", "ja"])
def test_json_round_trip_keeps_predictions(chat_only: Trained, language: str) -> None:
    texts = dev_lines(language)
    reloaded = RiskModel.load(chat_only.out)
    # The file keeps six decimals, so predictions agree closely, not bit for bit.
    difference = our_proba(reloaded, language, texts) - our_proba(chat_only.model, language, texts)
    assert np.max(np.abs(difference)) < 1e-4


def test_training_is_deterministic_byte_for_byte(
    chat_only: Trained, train_files: Path, tmp_path: Path
) -> None:
    again = train(train_files, None, tmp_path / "again.json")
    assert again.out.read_bytes() == chat_only.out.read_bytes()


@pytest.mark.parametrize("language", ["en", "ja"])
def test_committed_artefact_matches_a_fresh_training(with_reddit: Trained, language: str) -> None:
    # Another scikit-learn or NumPy may change a sixth decimal of the file, so compare what
    # counselors would see (the predictions), not the bytes.
    texts = dev_lines(language)
    committed = RiskModel.load(ARTIFACT_PATH)
    expected = sklearn_proba(with_reddit.fits[language], texts)
    assert np.max(np.abs(our_proba(committed, language, texts) - expected)) < 1e-4


def test_committed_artefact_scores_held_out_posts_like_a_fresh_training(
    with_reddit: Trained,
) -> None:
    # Long posts are read by the long-text model where there is one: for_text picks it.
    texts = [normalise(p.text).text for p in with_reddit.held_out]
    committed = RiskModel.load(ARTIFACT_PATH)

    def proba(model: RiskModel, text: str) -> float:
        scorer = model.for_text("en", text)
        assert scorer is not None
        return scorer.predict_proba(text)

    difference = [proba(committed, t) - proba(with_reddit.model, t) for t in texts]
    assert np.max(np.abs(difference)) < 1e-4


# --- what the training data look like to the model ---------------------------------------------


EN_LINE = "i cant do this anymore i want to die tonight"
JA_LINE = "今日も学校行けなかった、もう全部いやだ"
NEAR_DUPLICATES = [
    (EN_LINE, "i cant do this anymore!!! i want to die tonight..."),
    (JA_LINE, "今日も学校行けなかった、、もう全部いやだ!"),
    ("もう無理、今夜死にたい", "もう無理、今夜死にたい！！"),
    pytest.param(
        "もう無理、今夜死にたい",
        "もう無理！！今夜死にたい…",
        marks=pytest.mark.xfail(
            strict=True,
            reason="a short Japanese line with its comma swapped for ！！ shares too few "
            "character 3-grams (cosine about 0.4) to be joined",
        ),
    ),
]
UNRELATED = "exams next week and i havent started revising"


@pytest.mark.parametrize(("line", "variant"), NEAR_DUPLICATES)
def test_near_duplicates_land_in_the_same_group(line: str, variant: str) -> None:
    # As chat_examples does: grouped after normalisation.
    texts = [normalise(t).text for t in (line, variant, UNRELATED)]
    groups = training.near_duplicate_groups(texts)
    assert groups[0] == groups[1]


def test_different_lines_land_in_different_groups() -> None:
    texts = [normalise(t).text for t in (EN_LINE, JA_LINE, UNRELATED)]
    assert len(set(training.near_duplicate_groups(texts))) == 3


def test_reddit_split_keeps_each_user_on_one_side(cssrs_data: Path) -> None:
    train, test = training.split_by_user(training.load_posts(cssrs_data))
    assert test
    assert not {p.user for p in train} & {p.user for p in test}


def test_artefact_names_are_removed_mid_sentence_only() -> None:
    cleaned = training.neutralise_artefacts(
        "Hyperactive behavior at start, then she had Hyperactive behavior"
    )
    assert cleaned.startswith("Hyperactive behavior at start")
    assert cleaned.count("Hyperactive") == 1


def test_ordinary_words_are_not_removed_as_artefacts() -> None:
    assert training.neutralise_artefacts("i have depression") == "i have depression"


def test_trained_thresholds_let_only_a_sure_model_jump_from_low_to_high() -> None:
    # "high_from_low" sits where at most two in a hundred out-of-fold low lines reach.
    examples = [training.Example(f"t{i}", False, "low", f"g{i}", "chat") for i in range(200)]
    examples += [training.Example(f"h{i}", True, "high", f"x{i}", "chat") for i in range(50)]
    probabilities = np.array([i / 200 for i in range(200)] + [0.99] * 50)
    thresholds = training.chat_thresholds(examples, probabilities)
    low = probabilities[:200]
    assert (low >= thresholds["high_from_low"]).mean() <= 0.02
    assert (low >= thresholds["high_from_low"]).mean() > 0
    assert thresholds["high_from_low"] >= thresholds["medium"]
