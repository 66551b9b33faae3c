"""The committed model artefact: small, not a pickle, and scored exactly as sklearn would."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from triage.engine.model import ARTIFACT_PATH, FORMAT, LinearTextModel, analyze, load_model


def test_artefact_is_small_json_not_a_pickle() -> None:
    raw = ARTIFACT_PATH.read_bytes()
    assert len(raw) < 5_000_000
    assert not raw.startswith(b"\x80")  # pickle protocol header
    payload = json.loads(raw)
    assert payload["format"] == FORMAT
    assert len(payload["terms"]) == len(payload["coef"]) == len(payload["idf"])
    assert 0 < payload["thresholds"]["medium"] <= payload["thresholds"]["high"] < 1


def test_committed_model_loads_and_separates_obvious_cases() -> None:
    model = load_model()
    assert model is not None
    assert model.predict_proba("I want to kill myself, I'm suicidal") > model.predict_proba(
        "you can do it, we are all here for you"
    )


def test_missing_artefact_means_rules_only(tmp_path: Path) -> None:
    assert load_model(tmp_path / "absent.json") is None


def test_analyzer_drops_apostrophes_like_the_training_posts() -> None:
    assert analyze("I'm done") == analyze("Im done") == ["im", "done", "im done"]


def test_json_round_trip_keeps_predictions(tmp_path: Path) -> None:
    model = LinearTextModel(
        vocabulary={"die": 0, "want": 1, "want to": 2},
        idf=(2.0, 1.5, 1.2),
        coef=(3.0, 0.5, -1.0),
        intercept=-1.0,
    )
    path = tmp_path / "m.json"
    model.save(path)
    loaded = LinearTextModel.load(path)
    for text in ["I want to die", "", "nothing here", "die die die"]:
        assert loaded.predict_proba(text) == pytest.approx(model.predict_proba(text), abs=1e-9)


def test_our_scoring_reproduces_sklearn_and_the_committed_artefact(
    tmp_path: Path, cssrs_data: Path
) -> None:
    from triage import training

    out = tmp_path / "model.json"
    model, pipe, held_out = training.train(cssrs_data, out)
    texts = [p.text for p in held_out]
    expected = pipe.predict_proba(texts)[:, 1]
    ours = np.array([model.predict_proba(t) for t in texts])
    assert np.max(np.abs(ours - expected)) < 1e-9
    # After the JSON round trip (6 decimals) and from the committed file: same to 1e-4.
    committed = LinearTextModel.load(ARTIFACT_PATH)
    reloaded = LinearTextModel.load(out)
    for scorer in (reloaded, committed):
        got = np.array([scorer.predict_proba(t) for t in texts])
        assert np.max(np.abs(got - expected)) < 1e-4
    # Training is deterministic: the same data and libraries give the same file, byte for
    # byte. (The committed file may differ from it in a sixth decimal where another
    # scikit-learn or NumPy version trained it; the predictions above agree to 1e-4.)
    again = tmp_path / "again.json"
    training.train(cssrs_data, again)
    assert again.read_bytes() == out.read_bytes()


def test_split_keeps_each_user_on_one_side(cssrs_data: Path) -> None:
    from triage import training

    train, test = training.split_by_user(training.load_posts(cssrs_data))
    assert not {p.user for p in train} & {p.user for p in test}
    assert len(test) > 0.15 * (len(train) + len(test))


def test_artefact_names_are_removed_mid_sentence_only() -> None:
    from triage.training import neutralise_artefacts

    cleaned = neutralise_artefacts(
        "Hyperactive behavior at start, then she had Hyperactive behavior"
    )
    assert cleaned.startswith("Hyperactive behavior at start")
    assert cleaned.count("Hyperactive") == 1
    assert neutralise_artefacts("i have depression") == "i have depression"
