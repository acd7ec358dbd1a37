"""Ujikom proctor: the lab server, the room model and the proctor console."""
