"""One decoding step of one traced sequence, written out with its real numbers."""
import dataclasses

import numpy as np

__all__ = ["StepSummary", "step_summary"]


@dataclasses.dataclass(frozen=True)
class StepSummary:
    """One decoding step of one sequence.

    Attributes
    ----------
    step : int
        The decoding step, 1 ≤ step ≤ T.
    input_token : int
        What the decoder read: ``<START>`` at step 1, then its previous choice.
    top_tokens : ndarray of int, shape-(k,)
        The ``k`` most probable tokens, most probable first.
    top_probabilities : ndarray, shape-(k,)
    chosen : int
        The greedy choice (``top_tokens[0]``).
    target : int
        What the step should output.
    source_step : int
        The encoder step (1-based) that read the target: its position in the
        input for a digit, the last step T for ``<END>``.
    """

    step: int
    input_token: int
    top_tokens: np.ndarray
    top_probabilities: np.ndarray
    chosen: int
    target: int
    source_step: int

    @property
    def correct(self):
        """bool: the choice equals the target."""
        return self.chosen == self.target


def step_summary(sequence_trace, step, top=3, column=0):
    """Summarise decoding step ``step`` of sequence ``column`` of a trace.

    Parameters
    ----------
    sequence_trace : Trace
        As :func:`seq2seq_core.trace.trace` returns it.
    step : int
        1 ≤ step ≤ T, where T = L + 1 for sequences of length L.
    top : int
        How many of the most probable tokens to keep.
    column : int
        Which of the trace's sequences.

    Returns
    -------
    StepSummary
    """
    steps = sequence_trace.targets.shape[0]
    if not 1 <= step <= steps:
        raise ValueError(f"step must be in [1, {steps}], got {step}")
    index = step - 1
    probabilities = sequence_trace.probabilities[index, column]
    top_tokens = np.argsort(-probabilities, kind="stable")[:top]
    length = steps - 1
    return StepSummary(
        step=step,
        input_token=int(sequence_trace.decoder_inputs[index, column]),
        top_tokens=top_tokens,
        top_probabilities=probabilities[top_tokens],
        chosen=int(sequence_trace.predictions[index, column]),
        target=int(sequence_trace.targets[index, column]),
        # The output is reversed: step 1 should give the last digit.
        source_step=length + 1 - step if step <= length else steps,
    )
