"""How to install an extra, said the same way by everything that needs one (the command line, the fake, the
pytest fixture): the package is on no index yet, so the command that works from a checkout comes too."""


def install_hint(extra: str) -> str:
    return (
        f"pip install './cryptocloud-client[{extra}]' from beside a checkout, or pip install -e '.[{extra}]' "
        f"inside it (once published: pip install 'cryptocloud-client[{extra}]')"
    )
