import random

import pytest

from generator.analyse.network import analyse_network
from tests.analyse.analysis_builders import node, tie


def example():
    nodes = [
        node("hub", "employment"),
        node("edu1", "education"),
        node("edu2", "education"),
        node("ngo", "ngo"),
        node("alone", "ngo"),
    ]
    ties = [
        tie("hub", "edu1", strength=5),
        tie("hub", "edu2", strength=1),
        tie("edu1", "edu2", kind="project"),
        tie("hub", "ngo", directed=True, kind="funding"),
        tie("ngo", "former"),  # former member: stays out
    ]
    return nodes, ties


def test_analysis_holds_metrics_results_and_components():
    nodes, ties = example()
    analysis = analyse_network(nodes, ties)
    assert analysis.metrics.nodes == 5
    assert analysis.metrics.ties == 4
    assert analysis.metrics.components == 2
    assert analysis.components == (("edu1", "edu2", "hub", "ngo"), ("alone",))
    assert analysis.isolated == ("alone",)
    assert [t.target for t in analysis.ties] == ["edu2", "edu1", "edu2", "ngo"]
    assert not analysis.betweenness_estimated
    hub = analysis.result("hub")
    assert hub.degree == 3
    assert hub.holes == (("edu1", "ngo"), ("edu2", "ngo"))
    assert hub.hole_count == 2
    # hub→ngo is directed: edu1→hub→ngo and edu2→hub→ngo are liaisons; ngo→hub is absent.
    assert hub.brokerage.liaison == 2
    assert hub.brokerage.total == 2
    alone = analysis.result("alone")
    assert alone.constraint is None and alone.effective_size is None
    assert analysis.brokers(1)[0].id == "hub"
    with pytest.raises(KeyError):
        analysis.result("former")


def test_same_input_in_any_order_gives_equal_analysis():
    nodes, ties = example()
    reference = analyse_network(nodes, ties)
    rng = random.Random(3)
    for _ in range(5):
        rng.shuffle(nodes)
        rng.shuffle(ties)
        assert analyse_network(nodes, ties) == reference


def test_duplicate_ids_are_rejected():
    with pytest.raises(ValueError):
        analyse_network([node("a"), node("a")], [])


def test_layout_cache_is_used(tmp_path):
    nodes, ties = example()
    first = analyse_network(nodes, ties, layout_cache=tmp_path)
    assert list(tmp_path.glob("layout-*.json"))
    assert analyse_network(nodes, ties, layout_cache=tmp_path) == first


@pytest.mark.parametrize("size", [0, 1, 2, 3, 7])
def test_members_without_ties_get_what_the_graph_path_gives(size, monkeypatch):
    """A network without ties is analysed without networkx, with the same results (self-loops
    and ties to former members leave it without ties)."""
    from generator.analyse import metrics, network

    members = [node(f"m{i}", "ngo" if i % 2 else "education") for i in range(size)]
    ties = [tie("m0", "m0"), tie("m0", "former")] if size else []
    quick = analyse_network(reversed(members), ties)
    node_tuple, _ = network._clean_inputs(members, [])
    assert quick == network._analyse_graph(node_tuple, (), None)
    # and above the exact-betweenness limit, the flag that figures are estimated
    monkeypatch.setattr(metrics, "BETWEENNESS_EXACT_MAX_NODES", 2)
    monkeypatch.setattr(network, "BETWEENNESS_EXACT_MAX_NODES", 2)
    assert analyse_network(members, []) == network._analyse_graph(node_tuple, (), None)


def test_a_network_without_ties_imports_neither_networkx_nor_numpy():
    import subprocess
    import sys

    code = ("import sys\n"
            "from generator.analyse.network import analyse_network, NodeInput\n"
            "analyse_network([NodeInput('a', 'A', 'ngo', 'core', 'organisation', False)], [])\n"
            "print(sorted({'networkx', 'numpy'} & set(sys.modules)))")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True).stdout
    assert shown.strip() == "[]"
