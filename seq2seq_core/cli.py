"""The command line: ``python -m seq2seq_core train|evaluate``, on the same code as the app."""
import argparse
import json
import sys

from tqdm import tqdm

from .checkpoint import CheckpointError, load_checkpoint, load_pretrained, save_checkpoint
from .comparison import evaluate_model
from .kinds import MODEL_KINDS
from .train import HyperparameterError, Hyperparameters, Trainer

__all__ = ["main"]

DEFAULTS = Hyperparameters()


class _Parser(argparse.ArgumentParser):
    """Errors as one line on stderr and exit code 2, without the usage text."""

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message}\n")


def _build_parser():
    parser = _Parser(prog="python -m seq2seq_core", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    train = commands.add_parser("train", help="train a model and save a checkpoint")
    train.add_argument("--iterations", type=int, default=DEFAULTS.iterations)
    train.add_argument("--hidden", type=int, default=DEFAULTS.hidden, help="hidden size D")
    train.add_argument("--lr", type=float, default=DEFAULTS.learning_rate,
                       help="Adam learning rate")
    train.add_argument("--batch-size", type=int, default=DEFAULTS.batch_size)
    train.add_argument("--min-len", type=int, default=DEFAULTS.min_len)
    train.add_argument("--max-len", type=int, default=DEFAULTS.max_len)
    train.add_argument("--seed", type=int, default=DEFAULTS.seed)
    train.add_argument("--out", default="seq2seq.npz", help="checkpoint file to write")
    train.add_argument("--model", choices=sorted(MODEL_KINDS), default="seq2seq",
                       help="seq2seq, attention (seq2seq with attention) or the notebook's "
                            "one-pass RNN baseline")

    evaluate = commands.add_parser("evaluate", help="accuracy per sequence length")
    evaluate.add_argument("--checkpoint", help="checkpoint file (default: the shipped model)")
    evaluate.add_argument("--min-len", type=int, default=1)
    evaluate.add_argument("--max-len", type=int, default=30)
    evaluate.add_argument("--samples", type=int, default=1000, help="sequences per length")
    evaluate.add_argument("--seed", type=int, default=0)
    evaluate.add_argument("--json", action="store_true", help="print one JSON object")
    return parser


def _train(args, parser):
    try:
        hyperparameters = Hyperparameters(
            hidden=args.hidden, learning_rate=args.lr, batch_size=args.batch_size,
            iterations=args.iterations, min_len=args.min_len, max_len=args.max_len, seed=args.seed,
        )
    except HyperparameterError as error:
        parser.error(str(error))
    trainer = Trainer(hyperparameters, kind=args.model)
    chunk = 50
    with tqdm(total=hyperparameters.iterations, unit="it", file=sys.stderr,
              disable=None, mininterval=0.5) as bar:
        while not trainer.done:
            metrics = trainer.step(chunk)
            bar.update(len(metrics["loss"]))
            if len(metrics["loss"]):
                bar.set_postfix(loss=f"{metrics['loss'].mean():.3f}",
                                acc=f"{metrics['token_accuracy'].mean():.3f}", refresh=False)
    history = trainer.history
    try:
        save_checkpoint(args.out, trainer.model, hyperparameters, history)
    except OSError as error:
        parser.error(f"cannot write {args.out}: {error.strerror or error}")
    print(
        f"{trainer.status.value} after {trainer.iteration} iterations "
        f"({trainer.iterations_per_second:.0f} it/s); "
        f"final loss {history['loss'][-100:].mean():.4f}, "
        f"token accuracy {history['token_accuracy'][-100:].mean():.4f}; saved {args.out}"
    )
    return 0 if trainer.status.value == "finished" else 1


def _evaluate(args, parser):
    try:
        checkpoint = (load_pretrained() if args.checkpoint is None
                      else load_checkpoint(args.checkpoint))
    except FileNotFoundError:
        parser.error(f"no such file: {args.checkpoint}")
    except (CheckpointError, OSError) as error:
        parser.error(f"{args.checkpoint}: {error}")
    try:
        result = evaluate_model(checkpoint.model, args.min_len, args.max_len, args.samples,
                                args.seed)
    except ValueError as error:
        parser.error(str(error))
    if args.json:
        print(json.dumps(result.to_dict()))
        return 0
    print(f"{'length':>6}  {'exact match':>11}  {'token accuracy':>14}")
    for length, exact, token in zip(result.lengths, result.exact_match, result.token_accuracy):
        print(f"{length:>6}  {exact:>11.3f}  {token:>14.3f}")
    return 0


def main(argv=None):
    """Run the command line; returns the exit code."""
    parser = _build_parser()
    args = parser.parse_args(argv)
    command = _train if args.command == "train" else _evaluate
    return command(args, parser)
