"""The kiosk's screens: thin widgets that render plain views and emit what was asked."""
