"""`ujikom doctor`: a lab PC's preflight, run by the technician the day before and by the
kiosk at every start (its report goes to the proctor's console per seat).

`facts` gathers plain data from the machine (reusing the lockdown's probes), `judge`
turns it into pass/warn/fail checks (`exam_bank.preflight`), `render` prints them in
Indonesian or English or as a one-page PDF, `cli` is the command. No Qt anywhere here.
"""
