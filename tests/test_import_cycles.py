"""No module of the project imports itself back through others (issue #10).

``make lint`` checks the layers and the cycles between siblings with
import-linter; this looks at every module at once with grimp (which
import-linter is built on), so a cycle that crosses packages at different depths
is caught too. grimp reads the source, it imports nothing."""

import grimp

from tests.test_self_contained import APPS


def strongly_connected(graph):
    """Tarjan's algorithm: the groups of modules that import each other."""
    edges = {m: graph.find_modules_directly_imported_by(m) for m in graph.modules}
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(module):
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for other in edges[module]:
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in on_stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == module:
                    break
            found.append(group)

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def test_no_module_imports_itself_back():
    graph = grimp.build_graph(*APPS, include_external_packages=False, cache_dir=None)
    cycles = [sorted(group) for group in strongly_connected(graph) if len(group) > 1]
    assert cycles == []


def test_the_check_sees_a_cycle(tmp_path, monkeypatch):
    """The check itself works: two modules that import each other are found."""
    package = tmp_path / "cyclic"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from . import b\n")
    (package / "b.py").write_text("from . import a\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    graph = grimp.build_graph("cyclic", cache_dir=None)
    cycles = [sorted(group) for group in strongly_connected(graph) if len(group) > 1]
    assert cycles == [["cyclic.a", "cyclic.b"]]
