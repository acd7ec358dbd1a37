"""Remote-access and screen-sharing software: the process names it runs under and where
it installs itself, on Linux and Windows.

BKN disqualified 225 candidates at 9 sites in 2021 for remote-access tools on exam PCs:
running one is a failed preflight, one merely installed is a warning (a service can be
started remotely; uninstall it). Names are compared as the lockdown compares them
(`kiosk.lockdown.detectors.program_names`: lower case, ".exe" dropped, Linux's 15-byte
process names matched too).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RemoteTool:
    name: str  # what the technician reads
    processes: tuple[str, ...]
    paths: tuple[str, ...]  # files or folders whose presence means it is installed


PF = "C:/Program Files"
PF86 = "C:/Program Files (x86)"

REMOTE_TOOLS: tuple[RemoteTool, ...] = (
    RemoteTool("AnyDesk", ("anydesk",),
               ("/usr/bin/anydesk", "/opt/anydesk", f"{PF}/AnyDesk", f"{PF86}/AnyDesk")),
    RemoteTool("TeamViewer", ("teamviewer", "teamviewerd", "teamviewer_service",
                              "teamviewer_desktop", "tv_bin", "tv_w32", "tv_x64"),
               ("/opt/teamviewer", "/usr/bin/teamviewer", f"{PF}/TeamViewer",
                f"{PF86}/TeamViewer")),
    RemoteTool("RustDesk", ("rustdesk",),
               ("/usr/bin/rustdesk", "/usr/share/rustdesk", f"{PF}/RustDesk")),
    RemoteTool("UltraVNC", ("winvnc", "ultravnc", "uvnc_service"),
               (f"{PF}/uvnc bvba/UltraVNC", f"{PF86}/uvnc bvba/UltraVNC")),
    RemoteTool("TightVNC / TigerVNC / RealVNC", (
        "tvnserver", "vncserver", "xvnc", "xtightvnc", "xtigervnc", "vncserver-x11",
        "vncserver-x11-core", "vncagent", "vncviewer", "x0vncserver", "w0vncserver"),
        ("/usr/bin/x0vncserver", "/usr/bin/vncserver", "/usr/bin/Xtigervnc",
         "/usr/bin/Xtightvnc", f"{PF}/TightVNC", f"{PF}/RealVNC", f"{PF}/TigerVNC")),
    RemoteTool("x11vnc / wayvnc", ("x11vnc", "wayvnc", "krfb", "vino-server",
                                   "gnome-remote-desktop-daemon", "grdctl"),
               ("/usr/bin/x11vnc", "/usr/bin/wayvnc", "/usr/bin/krfb",
                "/usr/lib/vino/vino-server", "/usr/libexec/gnome-remote-desktop-daemon")),
    RemoteTool("Radmin", ("radmin", "rserver3", "radmin3"),
               (f"{PF86}/Radmin Viewer 3", f"{PF86}/Radmin Server V3",
                "C:/Windows/SysWOW64/rserver30")),
    RemoteTool("Remote Utilities", ("rutserv", "rfusclient", "rutview"),
               (f"{PF86}/Remote Utilities - Host", f"{PF}/Remote Utilities - Host",
                f"{PF86}/Remote Utilities - Viewer")),
    RemoteTool("Chrome Remote Desktop", ("remoting_host", "chrome-remote-desktop-host",
                                         "remoting_desktop", "remote_assistance_host"),
               ("/opt/google/chrome-remote-desktop", f"{PF86}/Google/Chrome Remote Desktop",
                f"{PF}/Google/Chrome Remote Desktop")),
    RemoteTool("NetSupport", ("client32", "pcictlui", "netsupport", "nsm"),
               (f"{PF86}/NetSupport", f"{PF}/NetSupport")),
    RemoteTool("Splashtop", ("srservice", "srmanager", "strwinclt", "splashtop-streamer"),
               (f"{PF86}/Splashtop", "/opt/splashtop-streamer")),
    RemoteTool("Supremo / Ammyy / DWService / MeshCentral", (
        "supremo", "supremoservice", "aa_v3", "ammyy_admin", "dwagent", "dwagsvc",
        "meshagent"), (f"{PF86}/Supremo", "/usr/share/dwagent", f"{PF}/DWAgent",
                       f"{PF}/Mesh Agent", "/usr/local/mesh_services")),
    RemoteTool("Microsoft Quick Assist / RDP shadow", ("quickassist", "rdpclip"), ()),
    RemoteTool("xrdp", ("xrdp", "xrdp-sesman"), ("/usr/sbin/xrdp", "/etc/xrdp")),
)


def process_index() -> dict[str, RemoteTool]:
    """Process name (and its 15-byte Linux form) -> the tool it belongs to."""
    from kiosk.lockdown.detectors import COMM_MAX

    index: dict[str, RemoteTool] = {}
    for tool in REMOTE_TOOLS:
        for name in tool.processes:
            index[name] = tool
            index[name[:COMM_MAX]] = tool
    return index
