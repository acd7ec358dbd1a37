"""What the kiosk and the proctor say to each other; neither imports the other."""
