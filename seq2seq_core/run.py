"""One run of a session: a model with its hyperparameters and history, trained or uploaded."""
import numpy as np

from .checkpoint import Checkpoint
from .i18n import t
from .kinds import DEFAULT_KIND, MODEL_KINDS, copy_model, kind_of
from .train import Trainer

__all__ = ["UPLOADED", "Run", "run_label", "changed_fields"]

UPLOADED = "uploaded"  # the status of a run read from a checkpoint file


def changed_fields(run_hyperparameters, chosen, run_kind=DEFAULT_KIND, chosen_kind=DEFAULT_KIND):
    """list of str: the fields, in order, whose value differs between a run's and ``chosen``.

    ``"model"`` comes first when the kinds (keys of ``MODEL_KINDS``) differ, as
    the model kind comes first among the page's settings.
    """
    run_values, chosen_values = run_hyperparameters.to_dict(), chosen.to_dict()
    return (["model"] if run_kind != chosen_kind else []) + [
        name for name in run_values if run_values[name] != chosen_values[name]]


class Run:
    """One training run, or uploaded checkpoint, of a session: :meth:`trained` or :meth:`uploaded`.

    Attributes
    ----------
    number : int
        Shown as "run 3"; never reused within a session.
    hyperparameters : Hyperparameters
    model : a model of any kind in ``MODEL_KINDS``
        While the run is active, the trainer's own model.
    trainer : Trainer or None
        Only while the run is active (it can still be resumed).
    name : str
        The file name of an uploaded run, else ``""``.
    """

    def __init__(self, number, hyperparameters, model, trainer=None, history=None, status=None,
                 name=""):
        self.number, self.hyperparameters, self.model = number, hyperparameters, model
        self.trainer, self.name = trainer, name
        self._history, self._status = history, status

    @classmethod
    def trained(cls, number, hyperparameters, kind=DEFAULT_KIND):
        """A new run of a ``kind`` model (a key of ``MODEL_KINDS``), its :class:`Trainer` fresh."""
        trainer = Trainer(hyperparameters, kind=kind)
        return cls(number, hyperparameters, trainer.model, trainer=trainer)

    @classmethod
    def uploaded(cls, number, checkpoint, name):
        """A run read from a checkpoint file; it cannot be trained further."""
        return cls(number, checkpoint.hyperparameters, checkpoint.model,
                   history=_float32(checkpoint.history), status=UPLOADED, name=name)

    @property
    def kind(self):
        """str: the model's kind, a key of ``MODEL_KINDS``."""
        return kind_of(self.model).name

    @property
    def history(self):
        """dict of str to ndarray, shape-(iteration,): the metrics per iteration."""
        return self.trainer.history if self.trainer is not None else self._history

    @property
    def iteration(self):
        """int: iterations done."""
        return len(self.history["loss"])

    @property
    def status(self):
        """str: a :class:`Status` value, or :data:`UPLOADED`."""
        return self.trainer.status.value if self.trainer is not None else self._status

    def label(self, lang):
        """str: the run's name and kind in ``lang``, see :func:`run_label`."""
        return run_label(self.number, lang, self.name, self.kind)

    def freeze(self):
        """Drop the trainer, keeping the weights and a float32 copy of the history."""
        if self.trainer is None:
            return
        self._history = _float32(self.trainer.history)
        self._status = self.trainer.status.value
        self.trainer = None

    def checkpoint(self):
        """Checkpoint: a snapshot of this run that later training does not change."""
        history = {name: np.array(values, dtype=np.float64)
                   for name, values in self.history.items()}
        return Checkpoint(copy_model(self.model), self.hyperparameters, history)


def _float32(history):
    # A kept run's history in half the memory of the trainer's float64.
    return {name: np.asarray(values, dtype=np.float32) for name, values in history.items()}


def run_label(number, lang, name="", kind=None):
    """str: a run's name on every page: "Run 3", or "Run 4 (file.npz)" for an upload.

    With a ``kind`` (a key of ``MODEL_KINDS``) its name follows, so that runs of
    different kinds tell apart: "Run 3 · seq2seq + attention".
    """
    if name:
        label = t("training.run_label_file", lang, number=number, name=name)
    else:
        label = t("training.run_label", lang, number=number)
    if kind is None:
        return label
    kind_name = t(MODEL_KINDS[kind].label_key, lang)
    return t("training.run_label_kind", lang, label=label, kind=kind_name)
