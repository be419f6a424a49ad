"""kg.core.gcpause: the cyclic collector paused for a block, resumed as it was."""

from __future__ import annotations

import gc

import pytest

from kg.core.gcpause import gc_paused


@pytest.fixture
def collector():
    was = gc.isenabled()
    yield
    gc.enable() if was else gc.disable()


@pytest.mark.parametrize("enabled", [True, False])
def test_gc_paused_restores_the_collector_as_it_was(collector, enabled):
    gc.enable() if enabled else gc.disable()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():  # nested: the inner block leaves it paused
            pass
        assert not gc.isenabled()
    assert gc.isenabled() is enabled


def test_gc_paused_resumes_after_an_error(collector):
    gc.enable()
    with pytest.raises(ValueError), gc_paused():
        raise ValueError("boom")
    assert gc.isenabled()
