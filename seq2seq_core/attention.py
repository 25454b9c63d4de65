"""The next lesson's model: the notebook's seq2seq plus attention over every encoder state.

Written like :mod:`seq2seq_core.model`, and the reference that the fast path
(:mod:`seq2seq_core.attention_recurrence`) is tested against. At every decoder
step t, Luong's "general" score ``score(h_t, ē_s) = ē_sᵀ W_a h_t`` rates each
encoder state ē_s, a softmax over the input positions s turns the scores into
weights, and the context ``c_t = Σ_s a_ts ē_s`` joins the decoder state before
the output layer: ``y_t = [h_t; c_t] [W_hy; W_cy] + b_y``. The decoder's
recurrence is the notebook's (it starts from the encoder's last state and reads
its own greedy predictions). Shapes: T steps, N sequences, C input channels,
D hidden units, K output classes.
"""
import mygrad as mg
import numpy as np
from mygrad.nnet.activations import relu, softmax
from mygrad.nnet.initializers import glorot_normal
from mynn.layers.dense import dense

from .data import START
from .model import RNN, glorot_normal_from, one_hot_encode_prediction

__all__ = ["AttentionSeq2Seq"]


class AttentionSeq2Seq:
    """Encoder RNN → every hidden state → decoder RNN that attends to them at each step.

    Parameters
    ----------
    dim_input : int
        Dimension C of the one-hot input (12).
    dim_recurrent : int
        Dimension D of both hidden states.
    dim_output : int
        Number K of output classes (12).
    rng : numpy.random.Generator, optional
        Source of the initial weights (encoder, decoder, then W_a and W_cy).
    """

    def __init__(self, dim_input, dim_recurrent, dim_output, rng=None):
        init = glorot_normal if rng is None else glorot_normal_from(rng)
        self.encoder = RNN(dim_input, dim_recurrent, dim_output, rng=rng)
        self.decoder = RNN(dim_input, dim_recurrent, dim_output, rng=rng)
        self.fc_score = dense(dim_recurrent, dim_recurrent, weight_initializer=init, bias=False)
        self.fc_c2y = dense(dim_recurrent, dim_output, weight_initializer=init, bias=False)

    def attend(self, keys, enc_h, h_t):
        """One step of attention.

        Parameters
        ----------
        keys : Tensor, shape-(T, N, D)
            ``ē_s W_a`` for every input position s.
        enc_h : Tensor, shape-(T, N, D)
            The encoder's states ē_1 … ē_T.
        h_t : Tensor, shape-(1, N, D)
            The decoder's state at this step.

        Returns
        -------
        weights : Tensor, shape-(T, N)
            Softmax over the input positions of ``ē_sᵀ W_a h_t``.
        context : Tensor, shape-(1, N, D)
            ``Σ_s weights_s ē_s``.
        """
        scores = (keys * h_t).sum(axis=-1)  # shape-(T, N)
        weights = softmax(scores, axis=0)
        context = (weights[..., np.newaxis] * enc_h).sum(axis=0, keepdims=True)
        return weights, context

    def __call__(self, x):
        """Encode ``x`` and decode greedily with attention for as many steps as ``x`` has.

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
        _, enc_h = self.encoder(x)  # shape-(T, N, D)
        keys = self.fc_score(enc_h)  # shape-(T, N, D)
        h_t = enc_h[-1:]  # the decoder starts where the encoder ended, as in the notebook

        y = []
        s_t = np.zeros((1, N, C), dtype=np.float32)
        s_t[..., START] = 1
        for _ in range(T):
            h_t = relu_step(self.decoder, s_t, h_t)
            _, context = self.attend(keys, enc_h, h_t)
            y_t = self.decoder.fc_h2y(h_t) + self.fc_c2y(context)  # [h_t; c_t] → scores
            y.append(y_t)
            s_t = one_hot_encode_prediction(y_t)
        return mg.concatenate(y, axis=0)

    @property
    def parameters(self):
        """Tuple[Tensor, ...]: the encoder's, the decoder's, then W_a and W_cy."""
        return (self.encoder.parameters + self.decoder.parameters
                + self.fc_score.parameters + self.fc_c2y.parameters)

    @property
    def dim_recurrent(self):
        """int: the hidden size D."""
        return self.encoder.dim_recurrent


def relu_step(rnn, x_t, h_prev):
    """The notebook's step ``ReLU(x_t W_xh + b_h + h_{t-1} W_hh)``: the state, shape-(1, N, D)."""
    return relu(rnn.fc_x2h(x_t) + rnn.fc_h2h(h_prev))
