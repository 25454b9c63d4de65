"""What the gradient tests of every fast path share: the plain MyGrad loss and its gradients."""
from mygrad.nnet.losses import softmax_crossentropy

__all__ = ["reference_loss_and_gradients", "fast_loss_and_gradients", "as_dtype"]


def reference_loss_and_gradients(model, x, y):
    """(loss, logits, gradients) of the plain formulation ``model(x)``; then clears them."""
    logits = model(x)
    loss = softmax_crossentropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1))
    return _backward(model, loss, logits)


def fast_loss_and_gradients(loss_function, model, x, y, workspace=None):
    """(loss, logits, gradients) of a kind's fast ``loss_function``; then clears them."""
    loss, logits = loss_function(model, x, y, workspace)
    return _backward(model, loss, logits)


def _backward(model, loss, logits):
    loss.backward()
    result = loss.item(), logits.data.copy(), [
        None if p.grad is None else p.grad.copy() for p in model.parameters
    ]
    for p in model.parameters:
        p.null_grad()
    return result


def as_dtype(model, dtype):
    """``model`` with every weight cast to ``dtype``."""
    for p in model.parameters:
        p.data = p.data.astype(dtype)
    return model
