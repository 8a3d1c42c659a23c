"""What the tests share, and no test of its own: clients on every backend (``harness``, ``fake_harness``), servers
that misbehave on the wire (``wire``, ``raw_server``), the hostile-answer table (``hostile_answers``), facts read
from the docs copy and the spec (``reference``, ``spec_tools``), the recorded answers (``recorded_tools``,
``decoding_evidence``), the README's examples (``readme_examples``), openapi-core as the fake's reference
(``openapi_reference``) and fresh virtual environments from the wheel (``wheel_venv``)."""
