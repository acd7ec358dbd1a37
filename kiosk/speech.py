"""Offline speech for read-aloud: eSpeak NG, a small free synthesizer with an Indonesian
voice, run as a program (Debian's `espeak-ng`; on Windows the same program from its MSI).
It speaks to the PC's sound output, or into WAV files where a test listens."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

VOICES = {"id": "id", "en": "en"}
SPEEDS = (120, 150, 175, 210, 250)  # words per minute; 175 is eSpeak's own default


class SpeechUnavailable(Exception):
    """No speech program on this PC; read-aloud says so instead of failing silently."""


class Speaker:
    """One utterance at a time: a new one, or `stop`, cuts the one playing. With `to_dir`
    each utterance is written as NNN.wav there instead of played (tests, checks)."""

    def __init__(self, language: str = "id", to_dir: Path | None = None,
                 program: str = "espeak-ng") -> None:
        found = shutil.which(program)
        if found is None:
            raise SpeechUnavailable(f"{program} is not installed")
        self.program = found
        self.language = language
        self.speed_index = SPEEDS.index(175)
        self.to_dir = to_dir
        self.written: list[Path] = []
        self.said: list[str] = []  # every utterance, newest last
        self._playing: subprocess.Popen[bytes] | None = None

    @property
    def speed(self) -> int:
        return SPEEDS[self.speed_index]

    def change_speed(self, step: int) -> int:
        self.speed_index = max(0, min(len(SPEEDS) - 1, self.speed_index + step))
        return self.speed

    def say(self, lines: list[str]) -> None:
        """Speaks `lines` as one utterance, a short pause between them."""
        self.stop()
        text = "\n".join(line.strip() for line in lines if line.strip())
        if not text:
            return
        self.said.append(text)
        command = [self.program, "-v", VOICES.get(self.language, "id"), "-s",
                   str(self.speed), "--stdin"]
        if self.to_dir is not None:
            self.to_dir.mkdir(parents=True, exist_ok=True)
            path = self.to_dir / f"{len(self.written):03d}.wav"
            subprocess.run([*command, "-w", str(path)], input=text.encode("utf-8"),
                           check=True, capture_output=True, timeout=60)
            self.written.append(path)
            return
        self._playing = subprocess.Popen(command, stdin=subprocess.PIPE,
                                         stdout=subprocess.DEVNULL,
                                         stderr=subprocess.DEVNULL)
        assert self._playing.stdin is not None
        self._playing.stdin.write(text.encode("utf-8"))
        self._playing.stdin.close()

    def stop(self) -> None:
        if self._playing is not None and self._playing.poll() is None:
            self._playing.terminate()
        self._playing = None
