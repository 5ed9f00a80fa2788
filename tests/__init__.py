"""The test suite; packages mirror the application's (api, services, workers, browser...)."""
