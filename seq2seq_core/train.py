"""Hyperparameters and a Trainer that advances a model of any kind a few iterations at a time.

The loop is the notebook's (a fresh batch each iteration, mean softmax cross-entropy,
MyNN's Adam) on each kind's fast loss. It can stop after any iteration and go on
later, so a page can drive it in small chunks between redraws.
"""
import dataclasses
import enum
import math
import time

import mygrad as mg
import numpy as np
from mynn.optimizers.adam import Adam

from .blas import use_one_blas_thread
from .data import generate_batch
from .kinds import DEFAULT_KIND, MODEL_KINDS, cell_of, kind_of
from .model import DEFAULT_CELL
from .recurrence import Workspace

__all__ = [
    "Hyperparameters", "HyperparameterError", "Status", "Trainer", "METRIC_NAMES",
    "DIVERGENCE_LOSS", "LIMITS", "SESSION_LIMITS", "LEARNING_RATES",
]

METRIC_NAMES = ("loss", "token_accuracy", "sequence_accuracy")

# A loss this large means exploding activations, not a model that learns: an
# untrained model starts at ln(12) ≈ 2.5. Stopping here keeps the history readable
# and Adam's moment estimates from overflowing.
DIVERGENCE_LOSS = 1e3

# Upper bounds keep one session's memory and time bounded on a shared server;
# the lower bounds are what makes the task well defined.
LIMITS = {
    "hidden": (1, 512),
    "learning_rate": (1e-6, 1.0),
    "batch_size": (1, 1000),
    "iterations": (1, 200_000),
    "min_len": (1, 50),
    "max_len": (1, 50),
    "seed": (0, 2**32 - 1),
}

# What one session of a shared server may ask for: the training page's ranges
# (python -m benchmarks.chunk_time measures a chunk at their extremes).
# The learning rates are a log slider's 1-2-5 steps, the notebook's 1e-3 among them.
LEARNING_RATES = (1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 5e-3, 1e-2, 2e-2, 5e-2, 1e-1)
SESSION_LIMITS = {
    "hidden": (4, 256),
    "learning_rate": (LEARNING_RATES[0], LEARNING_RATES[-1]),
    "batch_size": (1, 500),
    "iterations": (100, 50_000),
    "min_len": (1, 30),
    "max_len": (1, 30),
    "seed": (0, 9999),
}


class HyperparameterError(ValueError):
    """A hyperparameter, named by ``field`` (e.g. ``"hidden"``), outside [``low``, ``high``]."""

    def __init__(self, field, value, low, high, detail=""):
        self.field, self.value, self.low, self.high = field, value, low, high
        message = f"{field} must be in [{low}, {high}], got {value!r}"
        super().__init__(message + (f" ({detail})" if detail else ""))


@dataclasses.dataclass(frozen=True)
class Hyperparameters:
    """Everything that defines a training run. The defaults are the notebook's.

    Attributes
    ----------
    hidden : int
        Hidden size D (50).
    learning_rate : float
        Adam's step size (MyNN's default, 1e-3).
    batch_size : int
        Sequences per iteration (100).
    iterations : int
        Length of the run (10 000).
    min_len, max_len : int
        Range of training sequence lengths (1–20).
    seed : int
        Seeds the initial weights and the batches: same seed, same run.
    """

    hidden: int = 50
    learning_rate: float = 1e-3
    batch_size: int = 100
    iterations: int = 10_000
    min_len: int = 1
    max_len: int = 20
    seed: int = 0

    def __post_init__(self):
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            low, high = LIMITS[field.name]
            if field.type is int:
                if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
                    raise HyperparameterError(field.name, value, low, high, "an integer")
                object.__setattr__(self, field.name, int(value))
            elif (not isinstance(value, (int, float, np.floating, np.integer))
                  or not math.isfinite(value)):
                raise HyperparameterError(field.name, value, low, high, "a finite number")
            if not low <= value <= high:
                raise HyperparameterError(field.name, value, low, high)
        if self.min_len > self.max_len:
            raise HyperparameterError(
                "max_len", self.max_len, self.min_len, LIMITS["max_len"][1], "at least min_len"
            )

    def to_dict(self):
        """dict: the fields by name, for JSON and checkpoints."""
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, values):
        """Build from a mapping; unknown keys raise ``HyperparameterError``."""
        names = {field.name for field in dataclasses.fields(cls)}
        unknown = set(values) - names
        if unknown:
            raise HyperparameterError(sorted(unknown)[0], None, 0, 0, "unknown hyperparameter")
        return cls(**values)


class Status(str, enum.Enum):
    """Where a run stands."""

    READY = "ready"  # no iteration yet
    RUNNING = "running"  # some iterations done, more to go
    FINISHED = "finished"  # all iterations done
    DIVERGED = "diverged"  # a loss or parameter stopped being finite


class Trainer:
    """Train a model as the notebook does, in chunks.

    Parameters
    ----------
    hyperparameters : Hyperparameters, optional
        The notebook's defaults when omitted.
    model : a model of any kind in :data:`~seq2seq_core.kinds.MODEL_KINDS`, optional
        A model to continue training; a fresh one seeded by ``hyperparameters.seed``
        when omitted.
    kind : str, optional
        The kind (a key of ``MODEL_KINDS``) to build when ``model`` is omitted;
        ``"seq2seq"`` by default. A given ``model`` brings its own.
    cell : str, optional
        The recurrent cell (a key of :data:`~seq2seq_core.model.CELLS`, one of the
        kind's ``cells``) to build when ``model`` is omitted; the notebook's ``"relu"``
        by default. A given ``model`` brings its own.

    Attributes
    ----------
    model
    kind : str
    cell : str
    hyperparameters : Hyperparameters
    iteration : int
        Number of iterations done.
    status : Status
    """

    def __init__(self, hyperparameters=None, model=None, kind=None, cell=None):
        self.hyperparameters = hp = hyperparameters or Hyperparameters()
        seed_sequence = np.random.SeedSequence(hp.seed)
        init_seed, batch_seed = seed_sequence.spawn(2)
        if model is None:
            if (kind or DEFAULT_KIND) not in MODEL_KINDS:
                raise ValueError(f"kind must be one of {sorted(MODEL_KINDS)}, got {kind!r}")
            model_kind = MODEL_KINDS[kind or DEFAULT_KIND]
            model = model_kind.build(hp.hidden, rng=np.random.default_rng(init_seed),
                                     cell=cell or DEFAULT_CELL)
        else:
            model_kind = kind_of(model)
            if kind not in (None, model_kind.name):
                raise ValueError(f"kind={kind!r} but the model is a {model_kind.name} model")
            if cell not in (None, cell_of(model)):
                raise ValueError(f"cell={cell!r} but the model's cell is {cell_of(model)!r}")
        self.kind, self.cell = model_kind.name, cell_of(model)
        self.model = model
        self._loss = model_kind.loss
        self.optimizer = Adam(self.model.parameters, learning_rate=hp.learning_rate)
        self._batch_rng = np.random.default_rng(batch_seed)
        self._workspace = Workspace()
        self._history = np.full((len(METRIC_NAMES), hp.iterations), np.nan)
        self.iteration = 0
        self.status = Status.READY
        self.seconds = 0.0  # time spent inside step(), for it/s

    @property
    def history(self):
        """dict of str to ndarray, shape-(iteration,): ``METRIC_NAMES`` per iteration."""
        return {
            name: self._history[i, : self.iteration] for i, name in enumerate(METRIC_NAMES)
        }

    @property
    def done(self):
        """bool: True once the run finished or diverged."""
        return self.status in (Status.FINISHED, Status.DIVERGED)

    @property
    def iterations_per_second(self):
        """float: training speed so far (0 before the first iteration)."""
        return self.iteration / self.seconds if self.seconds else 0.0

    def step(self, k=1, max_seconds=None):
        """Advance up to ``k`` iterations, or as many as ``max_seconds`` allow (at least one).

        Stops early when the run is complete, or when a loss or parameter stops being
        finite or the loss passes ``DIVERGENCE_LOSS`` (status DIVERGED; that iteration is
        neither applied nor kept).

        Returns
        -------
        dict of str to ndarray, shape-(k',)
            The metrics of the k' ≤ k iterations this call did.
        """
        hp = self.hyperparameters
        start_iteration = self.iteration
        start = time.perf_counter()
        deadline = None if max_seconds is None else start + max_seconds
        end_iteration = min(hp.iterations, self.iteration + k)
        use_one_blas_thread()
        # A diverging model overflows; that is detected and reported below, not warned about.
        with mg.mem_guard_off, np.errstate(over="ignore", invalid="ignore"):
            while self.iteration < end_iteration and not self.done:
                x, y, _ = generate_batch(hp.min_len, hp.max_len, hp.batch_size, rng=self._batch_rng)
                loss, logits = self._loss(self.model, x, y, self._workspace)
                loss_value = loss.item()
                if not loss_value < DIVERGENCE_LOSS:  # also catches NaN
                    self.status = Status.DIVERGED
                    break
                loss.backward()
                self.optimizer.step()
                correct = logits.data.argmax(axis=-1) == y
                self._history[:, self.iteration] = (
                    loss_value, correct.mean(), correct.all(axis=0).mean(),
                )
                self.iteration += 1
                if deadline is not None and time.perf_counter() >= deadline:
                    break
        if not self.done:
            if not all(np.isfinite(p.data).all() for p in self.model.parameters):
                self.status = Status.DIVERGED
            elif self.iteration >= hp.iterations:
                self.status = Status.FINISHED
            elif self.iteration > 0:
                self.status = Status.RUNNING
        self.seconds += time.perf_counter() - start
        return {
            name: self._history[i, start_iteration : self.iteration]
            for i, name in enumerate(METRIC_NAMES)
        }
