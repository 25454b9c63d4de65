"""Wall-clock training speed as a student sees it, and the time left."""
import time

__all__ = ["ThroughputMeter"]


class ThroughputMeter:
    """Wall-clock iterations per second over the last ``window`` seconds of training, and the ETA.

    Unlike :attr:`Trainer.iterations_per_second` (time inside ``step`` only), this
    counts the time between chunks too: the speed a person sees. Pauses do not count.
    """

    def __init__(self, window=3.0):
        self.window = window
        self._samples = []  # (seconds, iteration), oldest first, since the last (re)start
        self.running_seconds = 0.0
        self.running_iterations = 0

    def start(self, iteration, now=None):
        """Begin timing at ``iteration`` (after a start or resume)."""
        self._samples = [(time.monotonic() if now is None else now, iteration)]

    def record(self, iteration, now=None):
        """Note that training has reached ``iteration`` at time ``now``."""
        now = time.monotonic() if now is None else now
        if self._samples:
            last_time, last_iteration = self._samples[-1]
            self.running_seconds += now - last_time
            self.running_iterations += iteration - last_iteration
        self._samples.append((now, iteration))
        while len(self._samples) > 2 and now - self._samples[1][0] >= self.window:
            self._samples.pop(0)

    def stop(self):
        """Forget the recent samples, so that a pause does not count as slow training."""
        self._samples = []

    @property
    def rate(self):
        """float or None: iterations per second over the window; None until measurable."""
        if len(self._samples) < 2:
            return None
        first_time, first_iteration = self._samples[0]
        last_time, last_iteration = self._samples[-1]
        if last_time <= first_time:
            return None
        return (last_iteration - first_iteration) / (last_time - first_time)

    @property
    def overall_rate(self):
        """float or None: iterations per second over all the time spent running."""
        if self.running_seconds <= 0:
            return None
        return self.running_iterations / self.running_seconds

    def eta(self, remaining):
        """float or None: seconds until ``remaining`` more iterations are done at :attr:`rate`."""
        rate = self.rate
        return remaining / rate if rate else None
