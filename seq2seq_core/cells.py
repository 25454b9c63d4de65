"""The other recurrent cells a seq2seq model can use: tanh, GRU and LSTM, in the notebook's style.

Each cell has the notebook :class:`~seq2seq_core.model.RNN`'s three dense layers
``fc_x2h``, ``fc_h2h`` (no bias) and ``fc_h2y``, and is called the same way:
``y, h = cell(x, h0)``. A gated cell's ``fc_x2h`` and ``fc_h2h`` compute all its
gates at once, side by side in blocks of D columns. An LSTM also carries a memory
cell c: ``y, h, c = lstm(x, h0, c0)``. This readable formulation is the reference
that the fast path (:mod:`seq2seq_core.cell_recurrence`) is tested against.
Shapes: T steps, N sequences, C input channels, D hidden units, K output classes.
"""
import mygrad as mg
import numpy as np
from mygrad.nnet.activations import sigmoid
from mygrad.nnet.initializers import glorot_normal
from mynn.layers.dense import dense

from .initializers import glorot_normal_from

__all__ = ["Cell", "TanhRNN", "GRU", "LSTM"]


def split_blocks(a, dim):
    """The blocks of D columns of ``a``, shape-(..., B·D): a list of B tensors, shape-(..., D)."""
    return [a[..., i * dim:(i + 1) * dim] for i in range(a.shape[-1] // dim)]


class Cell:
    """What the cells share: their dense layers and the loop over time.

    A subclass writes one step of its recurrence, ``step(x_t, *state) -> new state``
    (each tensor shape-(1, N, D)), and says how many
    blocks of D columns its gates need (``blocks``) and how many D-sized vectors its
    state has (``states``: 1 for h, 2 for an LSTM's h and c).

    Parameters
    ----------
    dim_input : int
        Dimension C of the data fed to the cell.
    dim_recurrent : int
        Dimension D of the hidden state.
    dim_output : int
        Dimension K of the output.
    rng : numpy.random.Generator, optional
        Source of the initial weights; MyGrad's ``glorot_normal`` when omitted.
    """

    blocks = 1
    states = 1

    def __init__(self, dim_input, dim_recurrent, dim_output, rng=None):
        init = glorot_normal if rng is None else glorot_normal_from(rng)
        width = self.blocks * dim_recurrent
        self.fc_x2h = dense(dim_input, width, weight_initializer=init)
        self.fc_h2h = dense(dim_recurrent, width, weight_initializer=init, bias=False)
        self.fc_h2y = dense(dim_recurrent, dim_output, weight_initializer=init)

    def __call__(self, x, *state):
        """Run the cell over a whole batch of sequences.

        Parameters
        ----------
        x : Union[ndarray, Tensor], shape-(T, N, C)
            One-hot encoded sequences, time first.
        *state : Union[ndarray, Tensor], shape-(1, N, D)
            The initial h_0 (then an LSTM's c_0); zeros when omitted.

        Returns
        -------
        y : Tensor, shape-(T, N, K)
            Classification scores at every step.
        h : Tensor, shape-(T, N, D)
            Hidden states at every step (h_0 excluded).
        c : Tensor, shape-(T, N, D)
            An LSTM's memory cells at every step (c_0 excluded); only for an LSTM.
        """
        N = x.shape[1]
        if not state:
            state = tuple(np.zeros((1, N, self.dim_recurrent), dtype=np.float32)
                          for _ in range(self.states))
        per_step = []
        for x_t in x:
            state = self.step(x_t[np.newaxis], *state)
            per_step.append(state)
        h, *memory = (mg.concatenate(vectors, axis=0) for vectors in zip(*per_step))
        return (self.fc_h2y(h), h, *memory)

    @property
    def parameters(self):
        """Tuple[Tensor, ...]: W_xh, b_h, W_hh, W_hy, b_y (the gates' blocks side by side)."""
        return self.fc_x2h.parameters + self.fc_h2h.parameters + self.fc_h2y.parameters

    @property
    def dim_recurrent(self):
        """int: the hidden size D."""
        return self.fc_h2h.weight.shape[0]

    def input_table(self):
        """ndarray, shape-(C, B·D): ``W_xh + b_h``, row ``c`` is what one-hot token ``c`` adds."""
        return self.fc_x2h.weight.data + self.fc_x2h.bias.data


class TanhRNN(Cell):
    """The notebook's simple RNN with tanh for ReLU: ``h_t = tanh(x_t W_xh + b_h + h_{t-1} W_hh)``.

    Takes the parameters of :class:`Cell`; built from the same seed, its weights
    are those of the notebook's ReLU RNN.
    """

    def step(self, x_t, h):
        """One step.

        Parameters
        ----------
        x_t : Union[ndarray, Tensor], shape-(1, N, C)
        h : Union[ndarray, Tensor], shape-(1, N, D)
            h_{t-1}.

        Returns
        -------
        Tuple[Tensor]
            (h_t,), shape-(1, N, D).
        """
        return (mg.tanh(self.fc_x2h(x_t) + self.fc_h2h(h)),)


class GRU(Cell):
    """A gated recurrent unit (Cho et al. 2014, in the form PyTorch uses).

    With the blocks of ``fc_x2h`` and ``fc_h2h`` in the order z, r, n::

        z_t = σ(x_t W_xz + b_z + h_{t-1} W_hz)          update gate
        r_t = σ(x_t W_xr + b_r + h_{t-1} W_hr)          reset gate
        n_t = tanh(x_t W_xn + b_n + r_t ⊙ (h_{t-1} W_hn))  candidate state
        h_t = (1 - z_t) ⊙ n_t + z_t ⊙ h_{t-1}

    Takes the parameters of :class:`Cell`; ``W_xh`` has shape (C, 3D), ``W_hh`` (D, 3D).
    """

    blocks = 3

    def step(self, x_t, h):
        """One step.

        Parameters
        ----------
        x_t : Union[ndarray, Tensor], shape-(1, N, C)
        h : Union[ndarray, Tensor], shape-(1, N, D)
            h_{t-1}.

        Returns
        -------
        Tuple[Tensor]
            (h_t,), shape-(1, N, D).
        """
        x_z, x_r, x_n = split_blocks(self.fc_x2h(x_t), self.dim_recurrent)
        h_z, h_r, h_n = split_blocks(self.fc_h2h(h), self.dim_recurrent)
        z = sigmoid(x_z + h_z)  # how much of h_{t-1} to keep
        r = sigmoid(x_r + h_r)  # how much of h_{t-1} the candidate sees
        n = mg.tanh(x_n + r * h_n)
        return ((1 - z) * n + z * h,)


class LSTM(Cell):
    """A long short-term memory cell (Hochreiter & Schmidhuber 1997, with a forget gate).

    With the blocks of ``fc_x2h`` and ``fc_h2h`` in the order i, f, o, g, and
    ``a_t = x_t W_xh + b_h + h_{t-1} W_hh``::

        i_t, f_t, o_t = σ(a_t's first three blocks)    input, forget, output gates
        g_t = tanh(a_t's last block)                   candidate memory
        c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t
        h_t = o_t ⊙ tanh(c_t)

    Takes the parameters of :class:`Cell`; ``W_xh`` has shape (C, 4D), ``W_hh`` (D, 4D).
    Its state is h and c: called as ``y, h, c = lstm(x, h0, c0)``.
    """

    blocks = 4
    states = 2

    def step(self, x_t, h, c):
        """One step.

        Parameters
        ----------
        x_t : Union[ndarray, Tensor], shape-(1, N, C)
        h, c : Union[ndarray, Tensor], shape-(1, N, D)
            h_{t-1} and c_{t-1}.

        Returns
        -------
        Tuple[Tensor, Tensor]
            (h_t, c_t), each shape-(1, N, D).
        """
        a_i, a_f, a_o, a_g = split_blocks(self.fc_x2h(x_t) + self.fc_h2h(h), self.dim_recurrent)
        c = sigmoid(a_f) * c + sigmoid(a_i) * mg.tanh(a_g)
        return sigmoid(a_o) * mg.tanh(c), c
