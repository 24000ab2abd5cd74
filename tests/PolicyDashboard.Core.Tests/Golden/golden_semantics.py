"""policy-assistant pkg/matcher policy_tests.go, and cases reasoned from the API reference."""
from golden_model import *


def pa_cases():
    base = [namespace("x"), namespace("y"),
            pod("x", "a", {"pod": "a"}, "1.2.3.5", [{"name": "port-hello", "containerPort": 8080, "protocol": "TCP"}]),
            pod("x", "b", {"pod": "b"}, "1.2.3.6", []),
            pod("y", "b", {"pod": "b"}, "192.168.242.249", []),
            pod("y", "c", {"pod": "c"}, "1.2.3.4", [])]
    small_case("pa-allow-all-on-sctp", base + [np("x", "allow-all-on-sctp", {}, ingress=[{"ports": [{"protocol": "SCTP"}]}], types=["Ingress"])], [
        poke("y/c", "x/a", 103, "TCP", False), poke("y/c", "x/a", 103, "SCTP", True),
        poke("ip:9.9.9.9", "x/a", 103, "TCP", False), poke("ip:9.9.9.9", "x/a", 103, "SCTP", True)])
    # cidr 192.168.242.213/24 has host bits: it means 192.168.242.0/24.
    vary = np("x", "vary-egress-37-0-0-0-19", POD_A, types=["Egress"], egress=[
        {"ports": [{"port": 80, "protocol": "TCP"}], "to": [{"podSelector": {}}, {"ipBlock": {"cidr": "192.168.242.213/24"}}]},
        {"ports": [{"port": 53, "protocol": "UDP"}]}])
    small_case("pa-egress-ipblock-host-bits", base + [vary], [
        poke("x/a", "y/b", 80, "TCP", True),
        poke("x/a", "y/b", 81, "TCP", False), poke("x/a", "ip:192.168.242.1", 80, "TCP", True),
        poke("x/a", "ip:192.168.243.1", 80, "TCP", False), poke("x/a", "x/b", 80, "TCP", True), poke("x/a", "y/c", 80, "TCP", False),
        poke("x/a", "ip:8.8.8.8", 53, "UDP", True), poke("x/a", "ip:8.8.8.8", 53, "TCP", False), poke("x/b", "y/c", 81, "TCP", True)])
    small_case("pa-ingress-named-port", base + [np("x", "abc", POD_A, ingress=[{"ports": [{"port": "port-hello", "protocol": "TCP"}]}], types=["Ingress"])], [
        poke("ip:9.9.9.9", "x/a", 8080, "TCP", True),
        poke("ip:9.9.9.9", "x/a", 8081, "TCP", False), poke("ip:9.9.9.9", "x/a", 8080, "UDP", False), poke("y/c", "x/b", 8080, "TCP", True)])

# ---------------------------------------------------------------- this project's cases, reasoned from the API reference

def semantics_cases():
    p = lambda ns, name, ip, labels=None, **kw: pod(ns, name, labels or {"app": name}, ip, kw.pop("ports", []), **kw)
    web = [{"name": "web", "containerPort": 80, "protocol": "TCP"}, {"name": "dns", "containerPort": 53, "protocol": "UDP"},
           {"name": "metrics", "containerPort": 9090, "protocol": "TCP"}]
    nodes = [node("n1", {"role": "worker"}, "172.18.0.2"), node("n2", {"role": "control"}, "172.18.0.3")]

    # Host-network pods are node traffic: no pod/namespace selector selects them, as subject or as peer.
    small_case("sem-host-network", [namespace("x"), namespace("y")] + nodes + [
        p("x", "h", "172.18.0.2", host_network=True, node="n1"), p("x", "a", "10.9.0.1"), p("y", "q", "10.9.1.1"),
        np("x", "deny-all", {}, ingress=[], egress=[], types=["Ingress", "Egress"]),
        np("y", "from-all-namespaces", {}, ingress=[{"from": [{"namespaceSelector": {}}], "ports": [{"port": 80}]},
                                                   {"from": [{"ipBlock": {"cidr": "172.18.0.0/16"}}], "ports": [{"port": 81}]}])], [
        poke("x/h", "y/q", 80, "TCP", False, egressAllowed=True, ingressAllowed=False),
        poke("x/h", "y/q", 81, "TCP", True), poke("x/a", "y/q", 80, "TCP", False, egressAllowed=False, ingressAllowed=True),
        poke("y/q", "x/h", 80, "TCP", True), poke("y/q", "x/a", 80, "TCP", False), poke("ip:172.18.0.2", "y/q", 81, "TCP", True)])

    # A pod without an IP cannot be reached, and cannot send.
    small_case("sem-pod-without-ip", [namespace("x"), p("x", "a", "10.9.0.1"), p("x", "pending", None)], [
        poke("x/a", "x/pending", 80, "TCP", False), poke("x/pending", "x/a", 80, "TCP", False), poke("x/a", "x/a", 80, "TCP", True, loopback=True)])

    # Endpoints outside the cluster: only ipBlock (and empty from/to) match them; NetworkPolicies never isolate them.
    small_case("sem-external-endpoints", [namespace("x"), namespace("y"), p("x", "a", "10.9.0.1"), p("x", "b", "10.9.0.2"), p("y", "c", "10.9.1.1"),
        np("x", "allow-from-partner", ml(app="a"), ingress=[{"from": [{"ipBlock": {"cidr": "203.0.113.0/24"}}, {"namespaceSelector": {}}]}]),
        np("x", "b-to-internet-only", ml(app="b"), egress=[{"to": [{"ipBlock": {"cidr": "0.0.0.0/0", "except": ["10.0.0.0/8"]}}]}], types=["Egress"])], [
        poke("ip:203.0.113.5", "x/a", 80, "TCP", True), poke("ip:198.51.100.1", "x/a", 80, "TCP", False),
        poke("x/a", "ip:198.51.100.1", 443, "TCP", True), poke("x/b", "ip:8.8.8.8", 443, "TCP", True),
        poke("x/b", "y/c", 80, "TCP", False), poke("x/b", "ip:10.200.0.1", 80, "TCP", False),
        poke("y/c", "x/a", 80, "TCP", True), poke("ip:10.9.1.1", "x/a", 80, "TCP", True)])

    # IPv4 blocks match IPv4 addresses only, IPv6 blocks IPv6 only; a dual-stack pod matches through either address.
    small_case("sem-ipv6-dual-stack", [namespace("x"), p("x", "a", "10.9.0.1,fd00:10::1"), p("x", "v6", "fd00:20::5"), p("x", "v4", "10.9.3.3"),
        np("x", "a-ingress", ml(app="a"), ingress=[{"from": [{"ipBlock": {"cidr": "fd00:20::/64"}}], "ports": [{"port": 80}]},
                                             {"from": [{"ipBlock": {"cidr": "0.0.0.0/0"}}], "ports": [{"port": 81}]},
                                             {"from": [{"ipBlock": {"cidr": "fd00:10::1:2/64", "except": ["fd00:10::/112"]}}], "ports": [{"port": 82}]}])], [
        poke("x/v6", "x/a", 80, "TCP", True), poke("x/v4", "x/a", 80, "TCP", False),
        poke("x/v6", "x/a", 81, "TCP", False), poke("x/v4", "x/a", 81, "TCP", True),
        poke("ip:fd00:10::1:9", "x/a", 82, "TCP", True), poke("ip:fd00:10::9", "x/a", 82, "TCP", False),
        poke("ip:fd00:20::5", "x/a", 80, "TCP", True, loopback=False), poke("x/a", "ip:fd00:10::1", 80, "TCP", True, loopback=True)])

    # policyTypes defaulting: omitted = Ingress, plus Egress iff there are egress rules; an explicit list is taken as is.
    small_case("sem-policytypes-defaulting", [namespace("x"), p("x", "a", "10.9.0.1"), p("x", "b", "10.9.0.2"), p("x", "c", "10.9.0.3"), p("x", "d", "10.9.0.4"),
        np("x", "a-with-egress-rules", ml(app="a"), egress=[{"ports": [{"port": 53, "protocol": "UDP"}]}]),
        np("x", "b-ingress-only", ml(app="b"), ingress=[{"from": [{"podSelector": ml(app="c")}]}]),
        np("x", "c-egress-listed", ml(app="c"), ingress=[{"from": [{"podSelector": ml(app="nobody")}]}], egress=[{}], types=["Egress"])], [
        poke("x/d", "x/a", 80, "TCP", False), poke("x/a", "x/d", 80, "TCP", False), poke("x/a", "x/d", 53, "UDP", True),
        poke("x/c", "x/b", 80, "TCP", True), poke("x/d", "x/b", 80, "TCP", False), poke("x/b", "x/d", 80, "TCP", True),
        poke("x/d", "x/c", 80, "TCP", True), poke("x/c", "x/d", 9999, "UDP", True)])

    # endPort is inclusive and needs the same protocol.
    small_case("sem-port-range", [namespace("x"), p("x", "a", "10.9.0.1"), p("x", "b", "10.9.0.2"),
        np("x", "range", ml(app="a"), ingress=[{"ports": [{"port": 8000, "endPort": 8080}, {"port": 9000, "endPort": 9000, "protocol": "UDP"}]}])], [
        poke("x/b", "x/a", 7999, "TCP", False), poke("x/b", "x/a", 8000, "TCP", True), poke("x/b", "x/a", 8080, "TCP", True),
        poke("x/b", "x/a", 8081, "TCP", False), poke("x/b", "x/a", 8000, "UDP", False), poke("x/b", "x/a", 9000, "UDP", True),
        poke("x/b", "x/a", 9000, "TCP", False)])

    # Named ports resolve on the destination pod, with the protocol of the policy port (default TCP).
    small_case("sem-named-port-protocol", [namespace("x"), p("x", "a", "10.9.0.1", ports=web), p("x", "b", "10.9.0.2"),
        p("x", "other", "10.9.0.3", ports=[{"name": "web", "containerPort": 8080, "protocol": "TCP"}]),
        np("x", "named", {}, ingress=[{"ports": [{"port": "dns", "protocol": "UDP"}, {"port": "web", "protocol": "UDP"}, {"port": "metrics"}]}])], [
        poke("x/b", "x/a", 53, "UDP", True), poke("x/b", "x/a", 53, "TCP", False), poke("x/b", "x/a", 80, "UDP", False),
        poke("x/b", "x/a", 80, "TCP", False), poke("x/b", "x/a", 9090, "TCP", True), poke("x/b", "x/other", 9090, "TCP", False)])

    # NotIn and DoesNotExist match a pod that lacks the key (apimachinery), unlike In and Exists.
    small_case("sem-selector-missing-key", [namespace("x"), p("x", "a", "10.9.0.1"), p("x", "plain", "10.9.0.2", {"app": "plain"}),
        p("x", "prod", "10.9.0.3", {"env": "prod"}), p("x", "dev", "10.9.0.4", {"env": "dev"}),
        np("x", "not-prod", ml(app="a"), ingress=[{"from": [{"podSelector": expr("env", "NotIn", ["prod"])}], "ports": [{"port": 80}]},
                                                                     {"from": [{"podSelector": expr("env", "DoesNotExist")}], "ports": [{"port": 81}]},
                                                                     {"from": [{"podSelector": expr("env", "Exists")}], "ports": [{"port": 82}]}])], [
        poke("x/plain", "x/a", 80, "TCP", True), poke("x/dev", "x/a", 80, "TCP", True), poke("x/prod", "x/a", 80, "TCP", False),
        poke("x/plain", "x/a", 81, "TCP", True), poke("x/dev", "x/a", 81, "TCP", False),
        poke("x/plain", "x/a", 82, "TCP", False), poke("x/prod", "x/a", 82, "TCP", True)])

    # Admin tier ordering: lower priority first, ANP and Admin-tier CNP interleaved by priority. Equal priorities are
    # undefined upstream; this project evaluates the ANP first (port 82: the ANP's Pass wins over the CNP's Deny).
    subj = {"namespaces": ml_({NS_LABEL: "x"})}
    rule = lambda action, port: {"name": f"{action.lower()}-{port}", "action": action, "from": [{"namespaces": {}}],
                                 "ports": [port_number(port)]}
    crule = lambda action, port: {"name": f"{action.lower()}-{port}", "action": action, "from": [{"namespaces": {}}],
                                  "protocols": [{"tcp": {"destinationPort": {"number": port}}}]}
    small_case("sem-admin-tier-ordering", [namespace("x"), namespace("y"), p("x", "a", "10.9.0.1"), p("y", "b", "10.9.1.1"),
        admin("AdminNetworkPolicy", "anp-5", {"priority": 5, "subject": subj, "ingress": [rule("Deny", 80), rule("Allow", 81), rule("Pass", 82)]}),
        admin("ClusterNetworkPolicy", "cnp-3", {"tier": "Admin", "priority": 3, "subject": subj, "ingress": [crule("Accept", 80)]}, "v1alpha2"),
        admin("ClusterNetworkPolicy", "cnp-5", {"tier": "Admin", "priority": 5, "subject": subj, "ingress": [crule("Accept", 81), crule("Deny", 82)]}, "v1alpha2"),
        np("x", "allow-82", {}, ingress=[{"ports": [{"port": 82}]}], types=["Ingress"])], [
        poke("y/b", "x/a", 80, "TCP", True), poke("y/b", "x/a", 81, "TCP", True), poke("y/b", "x/a", 82, "TCP", True),
        poke("y/b", "x/a", 83, "TCP", False)])

    # The Baseline tier applies per direction, only where no NetworkPolicy isolates the pod for that direction.
    small_case("sem-baseline-per-direction", [namespace("x"), namespace("y"), p("x", "a", "10.9.0.1"), p("y", "b", "10.9.1.1"),
        np("x", "allow-ingress-from-y", {}, ingress=[{"from": [{"namespaceSelector": ml_({NS_LABEL: "y"})}]}]),
        admin("BaselineAdminNetworkPolicy", "default", {"subject": {"namespaces": {}}, "ingress": [
            {"name": "deny-all-in", "action": "Deny", "from": [{"namespaces": {}}]}], "egress": [
            {"name": "deny-to-y", "action": "Deny", "to": [{"namespaces": ml_({NS_LABEL: "y"})}]}]})], [
        poke("y/b", "x/a", 80, "TCP", True), poke("x/a", "y/b", 80, "TCP", False, egressAllowed=False, ingressAllowed=False),
        poke("ip:8.8.8.8", "x/a", 80, "TCP", False), poke("ip:8.8.8.8", "y/b", 80, "TCP", True)])

    # ANP namedPort resolves on the destination pod with the container port's own protocol.
    small_case("sem-anp-named-port", [namespace("x"), namespace("y"), p("x", "a", "10.9.0.1", ports=web), p("y", "b", "10.9.1.1"),
        admin("AdminNetworkPolicy", "named", {"priority": 1, "subject": {"namespaces": ml_({NS_LABEL: "x"})}, "ingress": [
            {"name": "allow-dns", "action": "Allow", "from": [{"namespaces": {}}], "ports": [{"namedPort": "dns"}]},
            {"name": "deny-rest", "action": "Deny", "from": [{"namespaces": {}}]}]})], [
        poke("y/b", "x/a", 53, "UDP", True), poke("y/b", "x/a", 53, "TCP", False), poke("y/b", "x/a", 80, "TCP", False),
        poke("ip:8.8.8.8", "x/a", 80, "TCP", True)])

    # A ClusterNetworkPolicy peer of a kind this model does not know (domainNames) fails closed.
    small_case("sem-cnp-unknown-peer-fails-closed", [namespace("x"), namespace("y"), p("x", "a", "10.9.0.1"), p("y", "b", "10.9.1.1"),
        admin("ClusterNetworkPolicy", "egress", {"tier": "Admin", "priority": 1, "subject": {"namespaces": ml_({NS_LABEL: "x"})}, "egress": [
            {"name": "accept-domain", "action": "Accept", "to": [{"domainNames": ["example.com"]}]},
            {"name": "deny-domain", "action": "Deny", "to": [{"domainNames": ["example.org"]}], "protocols": [{"tcp": {"destinationPort": {"number": 443}}}]}]}, "v1alpha2")], [
        poke("x/a", "y/b", 80, "TCP", False), poke("x/a", "ip:93.184.216.34", 443, "TCP", False), poke("y/b", "x/a", 80, "TCP", True)],
        issues=["spec.egress[0].to[0]", "spec.egress[1].to[0]"])

    # A pod reaching its own IP is always allowed, whatever isolates it.
    small_case("sem-loopback", [namespace("x"), p("x", "a", "10.9.0.1"), p("x", "b", "10.9.0.2"),
        np("x", "deny-all", {}, ingress=[], egress=[], types=["Ingress", "Egress"])], [
        poke("x/a", "x/a", 80, "TCP", True, loopback=True), poke("x/a", "ip:10.9.0.1", 80, "TCP", True, loopback=True),
        poke("x/a", "x/b", 80, "TCP", False, loopback=False)])
