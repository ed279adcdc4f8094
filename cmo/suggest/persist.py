"""The trained model kept with the project, a per-process cache, and background retraining.

The model is one row of the ``artifact`` table named ``suggest-model``: ``data`` holds the
classifier, neighbour index and calibration (msgpack), ``info`` the codebook hash it was
trained on, the numbers of codings and feedback answers, the labels and timings.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
import warnings
from dataclasses import dataclass, field

from ..core.errors import Conflict
from .examples import coded_fragments, training_examples
from .nlp import get_nlp, pipeline_name
from .ranker import Suggester
from .training import LearnedModel, train_model

MODEL_NAME = "suggest-model"
RETRAIN_AFTER = 20
"""New codings plus feedback answers since the last training that trigger a retrain."""
CHECK_EVERY = 1.0
"""Seconds between checks whether the codebook or the stored model changed."""


def codebook_hash(codes) -> str:
    """A short hash of what the lexicon reads: ids, names, definitions and keywords."""
    data = [(c.id, c.name, c.definition, list(c.keywords), c.family) for c in codes]
    return hashlib.sha1(json.dumps(sorted(data), ensure_ascii=False).encode()).hexdigest()[:12]


def work_counts(store) -> tuple[int, int]:
    """(codings, feedback answers) in the project now."""
    return store.codings.count(), store.feedback.count()


def model_info(store) -> dict | None:
    row = store.artifacts.info(MODEL_NAME)
    return None if row is None else {**row["info"], "created_at": row["created_at"]}


def load_model(store) -> LearnedModel | None:
    """The stored model, or None when there is none or it cannot be read (for instance
    one written by another spaCy version): suggestions then fall back to the lexicon."""
    row = store.artifacts.get(MODEL_NAME)
    if row is None or not row["data"]:
        return None
    try:
        return LearnedModel.from_bytes(row["data"])
    except Exception as exc:  # an unreadable model must never stop suggestions
        warnings.warn(
            f"the stored suggestion model cannot be read ({exc}); run 'cmo train'", stacklevel=2
        )
        return None


def save_model(store, model: LearnedModel) -> None:
    store.artifacts.put(MODEL_NAME, model.to_bytes(), model.info)


def train_project(store, seed: int = 0) -> dict:
    """Train on the project's codings and feedback and store the model; returns its info."""
    started = time.perf_counter()
    codes = store.codebook.codes()
    codings, feedback = work_counts(store)
    examples = training_examples(store, [c.id for c in codes])
    if not any(eg["level"] == "fragment" for eg in examples):
        raise Conflict("no codings to learn from yet; code some fragments first")
    suggester = service_for(store).suggester
    info = {
        "codebook_hash": codebook_hash(codes),
        "codings": codings,
        "feedback": feedback,
        "pipeline": pipeline_name(),
        "seed": seed,
    }
    model = train_model(suggester, examples, seed=seed, info=info)
    model.info["seconds"] = round(time.perf_counter() - started, 2)
    save_model(store, model)
    service_for(store).invalidate()
    return model.info


def retrain_needed(store, min_new: int = RETRAIN_AFTER) -> bool:
    info = model_info(store)
    codings, feedback = work_counts(store)
    if info is None:
        return codings >= min_new
    if info.get("codebook_hash") != codebook_hash(store.codebook.codes()):
        return codings > 0
    return (codings + feedback) - (info.get("codings", 0) + info.get("feedback", 0)) >= min_new


@dataclass
class RetrainJob:
    """A retraining running in a worker thread (or process); poll ``done``, never block."""

    url: str
    worker: threading.Thread | object
    error: str = ""
    info: dict = field(default_factory=dict)

    @property
    def done(self) -> bool:
        return not self.worker.is_alive()

    def join(self, timeout: float | None = None) -> None:
        self.worker.join(timeout)


_jobs: dict[str, RetrainJob] = {}


def start_retrain(
    store, force: bool = False, process: bool = False, min_new: int = RETRAIN_AFTER
) -> RetrainJob | None:
    """Start retraining in the background when enough new work arrived (or ``force``).

    Returns the running job (an existing one if a retrain of this project is under way)
    or None when no retrain is needed. ``process=True`` trains in a separate process,
    which keeps a busy UI thread free of the training's Python work; the model lands in
    the project either way, and the next suggestion picks it up.
    """
    job = _jobs.get(store.url)
    if job is not None and not job.done:
        return job
    if not force and not retrain_needed(store, min_new):
        return None
    if process:
        import multiprocessing

        worker = multiprocessing.get_context("spawn").Process(
            target=_train_in_process, args=(store.url,), daemon=True
        )
        job = RetrainJob(store.url, worker)
    else:
        job = RetrainJob(store.url, None)  # type: ignore[arg-type]

        def run() -> None:
            try:
                job.info = train_project(store)
            except Exception as exc:  # reported on the job, never raised in the UI
                job.error = f"{type(exc).__name__}: {exc}"

        job.worker = threading.Thread(target=run, name="cmo-retrain", daemon=True)
    _jobs[store.url] = job
    job.worker.start()
    return job


def _train_in_process(url: str) -> None:
    from ..store.store import Store

    store = Store(url)
    try:
        train_project(store)
    finally:
        store.close()


class Service:
    """The suggester of one project, rebuilt only when what it reads changes: the codebook
    (lexicon, code vectors), the stored model, the codings (similar fragments), the
    transcripts (word statistics) or the blend weights."""

    def __init__(self, store):
        self.store = store
        self._suggester: Suggester | None = None
        self._lexicon_key = ""
        self._model_stamp: str | None = ""
        self._codings_stamp: tuple | None = None
        self._texts_stamp: tuple | None = None
        self._blend_stamp = None
        self._code_vectors = None
        self._checked = 0.0
        self._lock = threading.Lock()

    def invalidate(self) -> None:
        self._checked = 0.0
        self._model_stamp = ""
        self._codings_stamp = None
        self._blend_stamp = None

    @property
    def suggester(self) -> Suggester:
        with self._lock:
            if self._suggester is None or time.monotonic() - self._checked > CHECK_EVERY:
                self._refresh()
            return self._suggester

    def _refresh(self) -> None:
        from . import knowledge

        codes = self.store.codebook.codes()
        key = codebook_hash(codes)
        if self._suggester is None or key != self._lexicon_key:
            self._suggester = Suggester(get_nlp(), codes, None)
            self._code_vectors = knowledge.code_vectors(self.store, codes, key)
            self._lexicon_key = key
            self._model_stamp = ""
            self._codings_stamp = None
            self._texts_stamp = None
        texts = knowledge.texts_stamp(self.store)
        if texts != self._texts_stamp:
            self._suggester.lexicon.set_project_turns(knowledge.turn_texts(self.store))
            self._texts_stamp = texts
        info = model_info(self.store)
        stamp = None if info is None else info["created_at"]
        if stamp != self._model_stamp:
            model = load_model(self.store) if stamp else None
            self._suggester = self._suggester.with_learned(model)
            self._model_stamp = stamp
        codings = knowledge.codings_stamp(self.store)
        if codings != self._codings_stamp:
            items = coded_fragments(self.store)
            places = knowledge.coded_places(self.store, items)
            neighbours = knowledge.neighbours(self.store, items, places)
            self._suggester = self._suggester.with_semantic(
                self._code_vectors, neighbours, n_coded=int(codings[0] or 0), places=places
            )
            self._codings_stamp = codings
        blend = knowledge.load_blend(self.store)
        if blend.to_dict() != self._blend_stamp:
            self._suggester = self._suggester.with_blend(blend)
            self._blend_stamp = blend.to_dict()
        self._checked = time.monotonic()


_services: dict[str, Service] = {}


def service_for(store) -> Service:
    service = _services.get(store.url)
    if service is None:
        service = _services[store.url] = Service(store)
    service.store = store  # the newest open Store of this project
    return service
