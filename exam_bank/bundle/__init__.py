"""Sealed result bundles: CMS signed by the proctor, enveloped for the admin."""
