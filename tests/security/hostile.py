"""The hostile texts the security tests write everywhere user text goes."""

IMG = "<img src=x onerror=window.__pwned=1>"
SCRIPT = "<script>window.__pwned=1</script>"
LINK = "[click](javascript:window.__pwned=1)"
HOSTILE = [IMG, SCRIPT, LINK]
# Everything at once, where one field takes it all (a name is at most 60 characters).
NAME = '"><img src=x onerror=window.__pwned=1>'
ALL = f"{IMG} {SCRIPT} {LINK}"
