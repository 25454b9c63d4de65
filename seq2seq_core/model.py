"""The notebook's model, written as in the notebook: a ReLU RNN and a seq2seq of two.

Its ``Seq2Seq`` can also use the other cells of :mod:`seq2seq_core.cells` (tanh,
GRU, LSTM). This readable formulation is what the app shows to students and the reference
that the fast path (:mod:`seq2seq_core.recurrence`) is tested against.
Shapes use the notebook's letters: T steps, N sequences, C input channels,
D hidden units, K output classes.
"""
import mygrad as mg
import numpy as np
from mygrad.nnet.activations import relu
from mygrad.nnet.initializers import glorot_normal
from mynn.layers.dense import dense

from .cells import GRU, LSTM, TanhRNN
from .data import START
from .initializers import glorot_normal_from

__all__ = [
    "RNN", "Seq2Seq", "seq2seq", "one_hot_encode_prediction", "glorot_normal_from", "CELLS",
    "DEFAULT_CELL",
]


class RNN:
    """A simple-cell ReLU RNN that returns its outputs and its hidden states.

    ``h_t = ReLU(x_t W_xh + b_h + h_{t-1} W_hh)`` and ``y_t = h_t W_hy + b_y``.

    Parameters
    ----------
    dim_input : int
        Dimension C of the data fed to the RNN.
    dim_recurrent : int
        Dimension D of the hidden state.
    dim_output : int
        Dimension K of the RNN's output.
    rng : numpy.random.Generator, optional
        Source of the initial weights; MyGrad's ``glorot_normal`` (NumPy's global
        generator, as in the notebook) when omitted.
    """

    def __init__(self, dim_input, dim_recurrent, dim_output, rng=None):
        init = glorot_normal if rng is None else glorot_normal_from(rng)
        self.fc_x2h = dense(dim_input, dim_recurrent, weight_initializer=init)
        self.fc_h2h = dense(dim_recurrent, dim_recurrent, weight_initializer=init, bias=False)
        self.fc_h2y = dense(dim_recurrent, dim_output, weight_initializer=init)

    def __call__(self, x, h=None):
        """Run the RNN over a whole batch of sequences.

        Parameters
        ----------
        x : Union[ndarray, Tensor], shape-(T, N, C)
            One-hot encoded sequences, time first.
        h : Optional[Union[ndarray, Tensor]], shape-(1, N, D)
            The initial hidden state h_0; zeros when omitted.

        Returns
        -------
        y : Tensor, shape-(T, N, K)
            Classification scores at every step.
        h : Tensor, shape-(T, N, D)
            Hidden states at every step (h_0 excluded).
        """
        N = x.shape[1]
        D = self.dim_recurrent

        h_t = np.zeros((1, N, D), dtype=np.float32) if h is None else h
        h = []
        for x_t in x:
            h_t = relu(self.fc_x2h(x_t[np.newaxis]) + self.fc_h2h(h_t))
            h.append(h_t)
        h = mg.concatenate(h, axis=0)
        return self.fc_h2y(h), h

    @property
    def parameters(self):
        """Tuple[Tensor, ...]: W_xh, b_h, W_hh, W_hy, b_y."""
        return self.fc_x2h.parameters + self.fc_h2h.parameters + self.fc_h2y.parameters

    @property
    def dim_recurrent(self):
        """int: the hidden size D."""
        return self.fc_h2h.weight.shape[0]

    def input_table(self):
        """ndarray, shape-(C, D): ``W_xh + b_h``, row ``c`` is what one-hot token ``c`` adds."""
        return self.fc_x2h.weight.data + self.fc_x2h.bias.data


CELLS = {"relu": RNN, "tanh": TanhRNN, "gru": GRU, "lstm": LSTM}
"""The recurrent cells a :class:`Seq2Seq` can use, by name; ``"relu"`` is the notebook's."""
DEFAULT_CELL = "relu"


def one_hot_encode_prediction(y_t):
    """One-hot encode the highest-scoring class of each prediction.

    Parameters
    ----------
    y_t : Union[ndarray, Tensor], shape-(1, N, K)
        Classification scores from one step of decoding.

    Returns
    -------
    s_t1 : ndarray, shape-(1, N, K), dtype float32
        One-hot encoding of ``argmax(y_t)``: the decoder's next input. A plain
        array, so no gradient flows through the choice.
    """
    scores = y_t.data if isinstance(y_t, mg.Tensor) else np.asarray(y_t)
    # argmax, not ``scores == max``: a tie must still give exactly one 1.
    s_t1 = np.zeros(scores.shape, dtype=np.float32)
    np.put_along_axis(s_t1, scores.argmax(axis=-1)[..., np.newaxis], 1, axis=-1)
    return s_t1


class Seq2Seq:
    """Encoder RNN → last hidden state → decoder RNN with greedy, free-running decoding.

    Parameters
    ----------
    dim_input : int
        Dimension C of the one-hot input (12).
    dim_recurrent : int
        Dimension D of both hidden states.
    dim_output : int
        Number K of output classes (12; here K = C).
    rng : numpy.random.Generator, optional
        Source of the initial weights (encoder first, then decoder).
    cell : str, optional (default="relu")
        The recurrent cell of both RNNs, a key of :data:`CELLS`: the notebook's
        ``"relu"``, or ``"tanh"``, ``"gru"``, ``"lstm"``.
    """

    def __init__(self, dim_input, dim_recurrent, dim_output, rng=None, cell=DEFAULT_CELL):
        if cell not in CELLS:
            raise ValueError(f"cell must be one of {sorted(CELLS)}, got {cell!r}")
        self.cell = cell
        self.encoder = CELLS[cell](dim_input, dim_recurrent, dim_output, rng=rng)
        self.decoder = CELLS[cell](dim_input, dim_recurrent, dim_output, rng=rng)

    def __call__(self, x):
        """Encode ``x`` and decode greedily for as many steps as ``x`` has.

        Parameters
        ----------
        x : Union[ndarray, Tensor], shape-(T, N, C)
            One-hot encoded sequences, ending with ``<END>``.

        Returns
        -------
        y : Tensor, shape-(T, N, K)
            Classification scores of every decoder step.
        """
        T, N, C = x.shape
        _, *enc_states = self.encoder(x)  # h (an LSTM: h and c), each shape-(T, N, D)
        # the encoder's last state starts the decoder, each shape-(1, N, D)
        states = [state[-1:] for state in enc_states]

        y = []
        s_t = np.zeros((1, N, C), dtype=np.float32)
        s_t[..., START] = 1
        for _ in range(T):
            y_t, *states = self.decoder(s_t, *states)
            y.append(y_t)
            s_t = one_hot_encode_prediction(y_t)  # greedy: the best guess is the next input
        return mg.concatenate(y, axis=0)

    @property
    def parameters(self):
        """Tuple[Tensor, ...]: the encoder's parameters, then the decoder's."""
        return self.encoder.parameters + self.decoder.parameters

    @property
    def dim_recurrent(self):
        """int: the hidden size D."""
        return self.encoder.dim_recurrent


seq2seq = Seq2Seq  # the notebook defines the class as ``seq2seq`` and calls it ``Seq2Seq``
