import subprocess
import sys


def test_the_pipeline_runs_without_django() -> None:
    """The pipeline is plain Python: importing it must not pull Django in."""
    check = "import sys, workers.pipeline; sys.exit('django' in sys.modules)"
    completed = subprocess.run([sys.executable, "-c", check], check=False)
    assert completed.returncode == 0
