"""The proctor console (PySide6): renders a `proctor.room.Room` and sends the proctor's
controls through a `ConsoleService` (H5a's `proctor.service.ProctorService`).

Wiring (`ujikom proctor console`)::

    from proctor.console.app import open_console
    window = open_console(room, service, state_dir)   # needs a QApplication; shows it

The console keeps nothing a restart would lose: the room state lives in the server and
replica, the proctor's name, language and the berita acara draft in `state_dir`.
"""
