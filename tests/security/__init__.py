"""Security tests (issue 7): each test states an attack and asserts the safe outcome."""
