"""The candidate's kiosk app: session engine, local encrypted store, Qt screens, lockdown,
link to the proctor."""
