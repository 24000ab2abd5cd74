"""kubernetes-sigs/network-policy-api conformance: v1alpha1 ANP/BANP (history) and v1alpha2 ClusterNetworkPolicy (HEAD)."""
from golden_model import *


def conformance_cases():
    g0, g1 = house_pod("gryffindor", 0), house_pod("gryffindor", 1)
    s0, s1 = house_pod("slytherin", 0), house_pod("slytherin", 1)
    h0, h1 = house_pod("hufflepuff", 0), house_pod("hufflepuff", 1)
    r0, r1 = house_pod("ravenclaw", 0), house_pod("ravenclaw", 1)
    ip = lambda house, i: "ip:" + house_ip(house, i)

    # api_integration/standard-anp-np-banp.yaml: ANP (priority 10) Deny, NP allow, BANP Deny — gryffindor vs slytherin.
    def integration(action_in, action_eg, with_np):
        anp = admin("AdminNetworkPolicy", "pass-example", {"priority": 10, "subject": {"namespaces": ns_sel("gryffindor")},
            "ingress": [{"name": "deny-all-ingress-from-slytherin", "action": action_in, "from": [{"namespaces": ns_sel("slytherin")}]}],
            "egress": [{"name": "deny-all-egress-to-slytherin", "action": action_eg, "to": [{"namespaces": ns_sel("slytherin")}]}]})
        nps = [np(PFX + "gryffindor", "allow-gress-from-to-slytherin-to-gryffindor", None, types=["Ingress", "Egress"],
                  ingress=[{"from": [{"namespaceSelector": ns_sel("slytherin")}]}], egress=[{"to": [{"namespaceSelector": ns_sel("slytherin")}]}])] if with_np else []
        banp = admin("BaselineAdminNetworkPolicy", "default", {"subject": {"namespaces": ns_sel("gryffindor")},
            "ingress": [{"name": "deny-all-ingress-from-slytherin", "action": "Deny", "from": [{"namespaces": ns_sel("slytherin")}]}],
            "egress": [{"name": "deny-all-egress-to-slytherin", "action": "Deny", "to": [{"namespaces": ns_sel("slytherin")}]}]})
        return [anp] + nps + [banp]
    conformance_case("anp-integration-deny", integration("Deny", "Deny", True), [
        poke(s0, ip("gryffindor", 0), 80, "TCP", False), poke(s1, ip("gryffindor", 0), 8080, "TCP", False),
        poke(g0, ip("slytherin", 0), 80, "TCP", False), poke(g1, ip("slytherin", 0), 8080, "TCP", False),
        # Not upstream: the deny is at ingress for the first pair and at egress for the second.
        poke(s0, g0, 80, "TCP", False, egressAllowed=True, ingressAllowed=False),
        poke(g0, s0, 80, "TCP", False, egressAllowed=False, ingressAllowed=True)])
    conformance_case("anp-integration-pass-to-networkpolicy", integration("Pass", "Pass", True), [
        poke(s0, ip("gryffindor", 0), 80, "TCP", True), poke(s1, ip("gryffindor", 0), 8080, "TCP", True),
        poke(g0, ip("slytherin", 0), 80, "TCP", True), poke(g1, ip("slytherin", 0), 8080, "TCP", True)])
    conformance_case("anp-integration-pass-to-baseline", integration("Pass", "Pass", False), [
        poke(s0, ip("gryffindor", 0), 80, "TCP", False), poke(s1, ip("gryffindor", 0), 8080, "TCP", False),
        poke(g0, ip("slytherin", 0), 80, "TCP", False), poke(g1, ip("slytherin", 0), 8080, "TCP", False)])

    # admin_network_policy/standard-priority-field.yaml: Deny at 50, Pass at 60 (then 40), BANP Allow.
    def priority(pass_priority):
        rules = lambda action: ({"ingress": [{"name": f"{action.lower()}-all-ingress-from-slytherin", "action": action, "from": [{"pods": pods_sel("slytherin")}]}],
                                 "egress": [{"name": f"{action.lower()}-all-egress-to-slytherin", "action": action, "to": [{"pods": pods_sel("slytherin")}]}]})
        subject = {"subject": {"pods": pods_sel("gryffindor")}}
        return [admin("AdminNetworkPolicy", "priority-50-example", {"priority": 50, **subject, **rules("Deny")}),
                admin("AdminNetworkPolicy", "old-priority-60-new-priority-40-example", {"priority": pass_priority, **subject, **rules("Pass")}),
                admin("BaselineAdminNetworkPolicy", "default", {**subject, **rules("Allow")})]
    conformance_case("anp-priority-deny-first", priority(60), [
        poke(s0, ip("gryffindor", 0), 80, "TCP", False), poke(s1, ip("gryffindor", 0), 8080, "TCP", False),
        poke(g0, ip("slytherin", 0), 80, "TCP", False), poke(g1, ip("slytherin", 0), 8080, "TCP", False)])
    conformance_case("anp-priority-pass-first", priority(40), [
        poke(s0, ip("gryffindor", 0), 80, "TCP", True), poke(s1, ip("gryffindor", 0), 8080, "TCP", True),
        poke(g0, ip("slytherin", 0), 80, "TCP", True), poke(g1, ip("slytherin", 0), 8080, "TCP", True)])

    # admin_network_policy/standard-egress-tcp-rules.yaml and the test's rule swaps (cumulative, as upstream patches them).
    def to_house(name, action, house, port=None):
        r = {"name": name, "action": action, "to": [{"namespaces": ns_name_sel(house)}]}
        if port: r["ports"] = [port_number(port)]
        return r
    allow_r = to_house("allow-to-ravenclaw-everything", "Allow", "ravenclaw")
    deny_r = to_house("deny-to-ravenclaw-everything", "Deny", "ravenclaw")
    pass_r = to_house("pass-to-ravenclaw-everything", "Pass", "ravenclaw")
    deny_s = to_house("deny-to-slytherin-at-port-80", "Deny", "slytherin", 80)
    pass_s = to_house("pass-to-slytherin-at-port-80", "Pass", "slytherin", 80)
    allow_h = to_house("allow-to-hufflepuff-at-port-8080", "Allow", "hufflepuff", 8080)
    deny_h = to_house("deny-to-hufflepuff-everything-else", "Deny", "hufflepuff")
    egress_tcp = lambda rules: [admin("AdminNetworkPolicy", "egress-tcp", {"priority": 6, "subject": {"namespaces": ns_name_sel("gryffindor")}, "egress": rules})]
    conformance_case("anp-egress-tcp-rule-order", egress_tcp([allow_r, deny_r, pass_r, deny_s, pass_s, allow_h, deny_h]), [
        poke(g0, ip("ravenclaw", 0), 80, "TCP", True), poke(g1, ip("ravenclaw", 0), 8080, "TCP", True),
        poke(g0, ip("hufflepuff", 1), 8080, "TCP", True), poke(g1, ip("hufflepuff", 1), 80, "TCP", False),
        poke(g0, ip("slytherin", 0), 80, "TCP", False), poke(g1, ip("slytherin", 0), 8080, "TCP", True)])
    conformance_case("anp-egress-tcp-deny-before-allow", egress_tcp([deny_r, allow_r, pass_r, deny_s, pass_s, allow_h, deny_h]), [
        poke(g0, ip("ravenclaw", 1), 80, "TCP", False), poke(g1, ip("ravenclaw", 1), 8080, "TCP", False)])
    conformance_case("anp-egress-tcp-pass-first", egress_tcp([pass_r, allow_r, deny_r, pass_s, deny_s, allow_h, deny_h]), [
        poke(g0, ip("ravenclaw", 0), 80, "TCP", True), poke(g1, ip("ravenclaw", 0), 8080, "TCP", True),
        poke(g0, ip("slytherin", 0), 80, "TCP", True), poke(g1, ip("slytherin", 0), 8080, "TCP", True)])

    # admin_network_policy/standard-egress-inline-cidr-rules.yaml, before and after prepending the pod-IP networks rule.
    inline = lambda extra: [admin("AdminNetworkPolicy", "inline-cidr-as-peers-example", {"priority": 85, "subject": {"pods": pods_sel("gryffindor")},
        "egress": extra + [{"name": "allow-egress-to-slytherin", "action": "Allow", "to": [{"pods": pods_sel("slytherin")}]},
                           {"name": "deny-egress-to-internet", "action": "Deny", "to": [{"networks": ["0.0.0.0/0", "::/0"]}]}]})]
    three = lambda frm, to, ok: [poke(frm, to, 80, "TCP", ok), poke(frm, to, 53, "UDP", ok), poke(frm, to, 9003, "SCTP", ok)]
    conformance_case("anp-egress-networks", inline([]),
        three(g1, ip("ravenclaw", 0), False) + three(g1, ip("hufflepuff", 0), False) + three(g1, ip("slytherin", 0), True)
        + [poke(g1, "ip:8.8.8.8", 443, "TCP", False)])
    conformance_case("anp-egress-networks-pod-ips", inline([{"name": "allow-egress-to-specific-podIPs", "action": "Allow",
            "to": [{"networks": [house_ip("ravenclaw", 0) + "/32", house_ip("hufflepuff", 0) + "/32"]}]}]),
        three(g1, ip("ravenclaw", 0), True) + three(g1, ip("hufflepuff", 0), True)
        + three(g1, ip("ravenclaw", 1), False) + three(g1, ip("hufflepuff", 1), False))

    # admin_network_policy/experimental-egress-selector-rules.yaml: nodes peers; the server is a host-network pod.
    nodes = {"matchLabels": {"kubernetes.io/os": "linux"}}
    conformance_case("anp-egress-nodes", [admin("AdminNetworkPolicy", "node-and-cidr-as-peers-example", {"priority": 75,
        "subject": {"pods": pods_sel("gryffindor")}, "egress": [
            {"name": "allow-egress-to-36363-on-nodes", "action": "Allow", "to": [{"nodes": nodes}], "ports": [port_number(36363)]},
            {"name": "pass-egress-to-5353-on-nodes", "action": "Pass", "to": [{"nodes": nodes}], "ports": [port_number(34345, "UDP")]},
            {"name": "deny-egress-to-slytherin-and-nodes-and-internet", "action": "Deny", "to": [
                {"pods": pods_sel("slytherin")}, {"nodes": nodes}, {"networks": ["0.0.0.0/0", "::/0"]}]}]})], [
        poke(g0, centaur(1), 36363, "TCP", True), poke(g1, centaur(1), 34345, "UDP", True),
        poke(g1, centaur(1), 36364, "TCP", False), poke(g1, centaur(1), 34346, "UDP", False), poke(g1, centaur(1), 9003, "SCTP", False),
        # Not upstream: the node address itself, and traffic from the host-network pod (never a subject).
        poke(g0, "ip:" + NODES["kind-worker2"], 36363, "TCP", True), poke(centaur(0), g0, 80, "TCP", True)])

    # baseline_admin_network_policy/standard-ingress-tcp-rules.yaml (BANP alone) and with a NetworkPolicy isolating gryffindor.
    def from_house(name, action, house, port=None):
        r = {"name": name, "action": action, "from": [{"namespaces": ns_name_sel(house)}]}
        if port: r["ports"] = [port_number(port)]
        return r
    banp_rules = [from_house("allow-from-ravenclaw-everything", "Allow", "ravenclaw"), from_house("deny-from-ravenclaw-everything", "Deny", "ravenclaw"),
                  from_house("deny-from-slytherin-at-port-80", "Deny", "slytherin", 80), from_house("allow-from-hufflepuff-at-port-80", "Allow", "hufflepuff", 80),
                  from_house("deny-from-hufflepuff-everything-else", "Deny", "hufflepuff")]
    banp = admin("BaselineAdminNetworkPolicy", "default", {"subject": {"namespaces": ns_name_sel("gryffindor")}, "ingress": banp_rules})
    conformance_case("banp-ingress-tcp", [banp], [
        poke(r0, ip("gryffindor", 0), 80, "TCP", True), poke(r1, ip("gryffindor", 0), 8080, "TCP", True),
        poke(h0, ip("gryffindor", 1), 80, "TCP", True), poke(h1, ip("gryffindor", 1), 8080, "TCP", False),
        poke(s0, ip("gryffindor", 0), 80, "TCP", False), poke(s1, ip("gryffindor", 0), 8080, "TCP", True)])
    # Reasoned from the API text: a NetworkPolicy that isolates gryffindor for ingress takes the baseline out of play.
    conformance_case("banp-overridden-by-networkpolicy", [banp, np(PFX + "gryffindor", "allow-from-slytherin", {},
            ingress=[{"from": [{"namespaceSelector": ns_sel("slytherin")}]}])], [
        poke(s0, g0, 80, "TCP", True), poke(h0, g0, 80, "TCP", False), poke(h0, g0, 8080, "TCP", False), poke(r0, g0, 80, "TCP", False)])

    conformance_case("banp-ingress-tcp-deny-before-allow", [admin("BaselineAdminNetworkPolicy", "default", {
        "subject": {"namespaces": ns_name_sel("gryffindor")}, "ingress": [banp_rules[1], banp_rules[0]] + banp_rules[2:]})], [
        poke(r0, ip("gryffindor", 1), 80, "TCP", False), poke(r1, ip("gryffindor", 1), 8080, "TCP", False),
        poke(s0, ip("gryffindor", 0), 80, "TCP", False), poke(s1, ip("gryffindor", 0), 8080, "TCP", True)])

    # v1alpha2 ClusterNetworkPolicy (HEAD): admin_tier/standard-ingress-tcp-rules.yaml and its rule swaps.
    def cnp_from(name, action, house, port=None):
        r = {"name": name, "action": action, "from": [{"namespaces": ns_name_sel(house)}]}
        if port: r["protocols"] = [{"tcp": {"destinationPort": {"number": port}}}]
        return r
    a_r = cnp_from("allow-from-ravenclaw-everything", "Accept", "ravenclaw")
    d_r = cnp_from("deny-from-ravenclaw-everything", "Deny", "ravenclaw")
    p_r = cnp_from("pass-from-ravenclaw-everything", "Pass", "ravenclaw")
    d_s = cnp_from("deny-from-slytherin-at-port-80", "Deny", "slytherin", 80)
    p_s = cnp_from("pass-from-slytherin-at-port-80", "Pass", "slytherin", 80)
    a_h = cnp_from("allow-from-hufflepuff-at-port-80", "Accept", "hufflepuff", 80)
    d_h = cnp_from("deny-from-hufflepuff-everything-else", "Deny", "hufflepuff")
    cnp_ingress = lambda rules: [admin("ClusterNetworkPolicy", "ingress-tcp", {"tier": "Admin", "priority": 3,
        "subject": {"namespaces": ns_name_sel("gryffindor")}, "ingress": rules}, "v1alpha2")]
    conformance_case("cnp-admin-ingress-tcp", cnp_ingress([a_r, d_r, p_r, d_s, p_s, a_h, d_h]), [
        poke(r0, ip("gryffindor", 0), 80, "TCP", True), poke(r1, ip("gryffindor", 0), 8080, "TCP", True),
        poke(h0, ip("gryffindor", 1), 80, "TCP", True), poke(h1, ip("gryffindor", 1), 8080, "TCP", False),
        poke(s0, ip("gryffindor", 0), 80, "TCP", False), poke(s1, ip("gryffindor", 0), 8080, "TCP", True)])
    conformance_case("cnp-admin-ingress-tcp-deny-before-accept", cnp_ingress([d_r, a_r, p_r, d_s, p_s, a_h, d_h]), [
        poke(r0, ip("gryffindor", 1), 80, "TCP", False), poke(r1, ip("gryffindor", 1), 8080, "TCP", False)])
    conformance_case("cnp-admin-ingress-tcp-pass-first", cnp_ingress([p_r, a_r, d_r, p_s, d_s, a_h, d_h]), [
        poke(r0, ip("gryffindor", 0), 80, "TCP", True), poke(r1, ip("gryffindor", 0), 8080, "TCP", True),
        poke(s0, ip("gryffindor", 0), 80, "TCP", True), poke(s1, ip("gryffindor", 0), 8080, "TCP", True)])

    # v1alpha2 Baseline tier: baseline_tier/standard-egress-udp-rules.yaml.
    def cnp_to(name, action, house, port=None):
        r = {"name": name, "action": action, "to": [{"namespaces": ns_name_sel(house)}]}
        if port: r["protocols"] = [{"udp": {"destinationPort": {"number": port}}}]
        return r
    b_rules = [cnp_to("allow-to-ravenclaw-everything", "Accept", "ravenclaw"), cnp_to("deny-to-ravenclaw-everything", "Deny", "ravenclaw"),
               cnp_to("deny-to-slytherin-at-port-5353", "Deny", "slytherin", 5353), cnp_to("allow-to-gryffindor-at-port-53", "Accept", "gryffindor", 53),
               cnp_to("deny-to-gryffindor-everything-else", "Deny", "gryffindor")]
    cnp_baseline = lambda rules: [admin("ClusterNetworkPolicy", "default", {"tier": "Baseline", "priority": 10,
        "subject": {"namespaces": ns_name_sel("hufflepuff")}, "egress": rules}, "v1alpha2")]
    conformance_case("cnp-baseline-egress-udp", cnp_baseline(b_rules), [
        poke(h0, ip("ravenclaw", 0), 53, "UDP", True), poke(h1, ip("ravenclaw", 0), 5353, "UDP", True),
        poke(h0, ip("gryffindor", 1), 53, "UDP", True), poke(h1, ip("gryffindor", 1), 5353, "UDP", False)])
    conformance_case("cnp-baseline-egress-udp-deny-first", cnp_baseline([b_rules[1], b_rules[0]] + b_rules[2:]), [
        poke(h0, ip("ravenclaw", 1), 53, "UDP", False), poke(h1, ip("ravenclaw", 1), 5353, "UDP", False),
        poke(h0, ip("slytherin", 0), 5353, "UDP", False), poke(h1, ip("slytherin", 0), 53, "UDP", True)])

    # v1alpha2 api_integration: Admin-tier CNP passes, NetworkPolicy allows; without it the Baseline-tier CNP denies.
    def cnp_integration(with_np):
        gress = lambda action: {"ingress": [{"name": "in", "action": action, "from": [{"namespaces": ns_sel("slytherin")}]}],
                                "egress": [{"name": "out", "action": action, "to": [{"namespaces": ns_sel("slytherin")}]}]}
        objs = [admin("ClusterNetworkPolicy", "pass-example", {"tier": "Admin", "priority": 10, "subject": {"namespaces": ns_sel("gryffindor")}, **gress("Pass")}, "v1alpha2"),
                admin("ClusterNetworkPolicy", "default", {"tier": "Baseline", "priority": 10, "subject": {"namespaces": ns_sel("gryffindor")}, **gress("Deny")}, "v1alpha2")]
        if with_np:
            objs.append(np(PFX + "gryffindor", "allow-gress-from-to-slytherin-to-gryffindor", None, types=["Ingress", "Egress"],
                           ingress=[{"from": [{"namespaceSelector": ns_sel("slytherin")}]}], egress=[{"to": [{"namespaceSelector": ns_sel("slytherin")}]}]))
        return objs
    conformance_case("cnp-integration-pass-to-networkpolicy", cnp_integration(True), [
        poke(s0, ip("gryffindor", 0), 80, "TCP", True), poke(g1, ip("slytherin", 0), 8080, "TCP", True)])
    conformance_case("cnp-integration-pass-to-baseline", cnp_integration(False), [
        poke(s0, ip("gryffindor", 0), 80, "TCP", False), poke(g1, ip("slytherin", 0), 8080, "TCP", False),
        poke(h0, ip("gryffindor", 0), 80, "TCP", True)])
