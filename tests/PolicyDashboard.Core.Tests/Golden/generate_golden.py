#!/usr/bin/env python3
"""Writes the golden scenario folders (cluster.yaml, probes.json, expected.json).

Expected verdicts are transcribed from the upstream suites' own expectations, never from this project's engine:
  * kubernetes test/e2e/network/netpol/network_policy.go: each case below restates the test's Reachability calls
    (ExpectPeer / ExpectAllIngress / ExpectAllEgress / Expect) over the full x,y,z x a,b,c model. Upstream runs some
    cases on fewer pods; for the pods it leaves out, the same rule is applied (noted where it matters).
    Upstream ignores loopback; here a pod probing itself is always allowed and flagged loopback.
  * kubernetes-sigs/network-policy-api conformance: v1alpha1 ANP/BANP (git history before 8c1c5fa) and v1alpha2
    ClusterNetworkPolicy (HEAD). Each folder is one state of the cluster after the test's patches; probes are the
    test's PokeServer calls (server addressed by pod IP where upstream does so).
  * policy-assistant pkg/matcher policy_tests.go.
Run: python3 generate_golden.py  (needs PyYAML). Folders are rewritten in place.
"""
import json, os, yaml

HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------- output helpers

def write_case(name, objects, probes, expected):
    d = os.path.join(HERE, name)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "cluster.yaml"), "w") as f:
        f.write(yaml.safe_dump_all(objects, sort_keys=False, default_flow_style=False))
    for file, rows in (("probes.json", probes), ("expected.json", expected)):
        with open(os.path.join(d, file), "w") as f:
            f.write("[\n" + ",\n".join("  " + json.dumps(r) for r in rows) + "\n]\n")

def namespace(name, labels=None):
    meta = {"name": name}
    if labels: meta["labels"] = labels
    return {"apiVersion": "v1", "kind": "Namespace", "metadata": meta}

def pod(ns, name, labels, ip, ports, host_network=False, node=None):
    spec = {"containers": [{"name": "c", "image": "agnhost", "ports": ports}]}
    if host_network: spec["hostNetwork"] = True
    if node: spec["nodeName"] = node
    p = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name, "namespace": ns, "labels": labels}, "spec": spec}
    if ip: p["status"] = {"phase": "Running", "podIP": ip, "podIPs": [{"ip": i} for i in ip.split(",")]}
    if ip and "," in ip: p["status"]["podIP"] = ip.split(",")[0]
    return p

def node(name, labels, ip):
    return {"apiVersion": "v1", "kind": "Node", "metadata": {"name": name, "labels": labels},
            "status": {"addresses": [{"type": "InternalIP", "address": ip}]}}

def np(ns, name, pod_selector, ingress=None, egress=None, types=None):
    spec = {"podSelector": pod_selector}
    if types is not None: spec["policyTypes"] = types
    if ingress is not None: spec["ingress"] = ingress
    if egress is not None: spec["egress"] = egress
    return {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": {"name": name, "namespace": ns}, "spec": spec}

def admin(kind, name, spec, version="v1alpha1"):
    return {"apiVersion": f"policy.networking.k8s.io/{version}", "kind": kind, "metadata": {"name": name}, "spec": spec}

# ---------------------------------------------------------------- the e2e netpol model: x,y,z x a,b,c

NAMESPACES = ["x", "y", "z"]
PODS = ["a", "b", "c"]
ALL = [f"{n}/{p}" for n in NAMESPACES for p in PODS]

def e2e_ip(pod_string):
    n, p = pod_string.split("/")
    return f"10.0.{NAMESPACES.index(n) + 1}.{PODS.index(p) + 10}"

def e2e_objects(policies, extra_pod_labels=None):
    objs = [namespace(n) for n in NAMESPACES]
    ports = [{"name": f"serve-{port}-{proto.lower()}", "containerPort": port, "protocol": proto}
             for proto in ("TCP", "UDP", "SCTP") for port in (80, 81)]
    for ps in ALL:
        n, p = ps.split("/")
        labels = {"pod": p}
        labels.update((extra_pod_labels or {}).get(ps, {}))
        objs.append(pod(n, p, labels, e2e_ip(ps), ports))
    return objs + policies

class Reachability:
    """The upstream test helper's expectation calls over the 9-pod model (default: all connected)."""
    def __init__(self, default=True):
        self.m = {(f, t): default for f in ALL for t in ALL}
    @staticmethod
    def _match(peer, ps):
        n, p = ps.split("/")
        return (peer.get("ns") in (None, n)) and (peer.get("pod") in (None, p))
    def peer(self, frm, to, v):
        for f in ALL:
            for t in ALL:
                if self._match(frm, f) and self._match(to, t): self.m[(f, t)] = v
        return self
    def all_ingress(self, pod_string, v): return self.peer({}, self._split(pod_string), v)
    def all_egress(self, pod_string, v): return self.peer(self._split(pod_string), {}, v)
    def expect(self, f, t, v): self.m[(f, t)] = v; return self
    @staticmethod
    def _split(ps):
        n, p = ps.split("/"); return {"ns": n, "pod": p}

def e2e_case(name, policies, matrices, extra_pod_labels=None):
    """matrices: list of (port, protocol, Reachability)."""
    probes, expected = [], []
    for port, proto, r in matrices:
        for f in ALL:
            for t in ALL:
                probe = {"from": f, "to": t, "port": port, "protocol": proto}
                probes.append(probe)
                e = dict(probe)
                if f == t: e.update(allowed=True, loopback=True)
                else: e["allowed"] = r.m[(f, t)]
                expected.append(e)
    write_case(name, e2e_objects(policies, extra_pod_labels), probes, expected)

R = Reachability
NS_LABEL = "kubernetes.io/metadata.name"
def ml(**kv): return {"matchLabels": dict(kv)}
def ml_(d): return {"matchLabels": d}
def expr(key, op, values=None):
    e = {"key": key, "operator": op}
    if values is not None: e["values"] = values
    return {"matchExpressions": [e]}
POD_A = ml(pod="a")

def ingress_np(ns, name, sel, rules): return np(ns, name, sel, ingress=rules, types=["Ingress"])
def egress_np(ns, name, sel, rules): return np(ns, name, sel, egress=rules, types=["Egress"])

def e2e_cases():
    X, Y, Z = {"ns": "x"}, {"ns": "y"}, {"ns": "z"}
    e2e_case("e2e-default-deny-ingress", [ingress_np("x", "deny-ingress", {}, [])],
             [(80, "TCP", R().peer({}, X, False))])
    e2e_case("e2e-default-deny-all", [np("x", "deny-all", {}, ingress=[], egress=[], types=["Ingress", "Egress"])],
             [(80, "TCP", R().peer({}, X, False).peer(X, {}, False))])
    e2e_case("e2e-podselector-same-namespace", [ingress_np("x", "x-a-allows-x-b", POD_A, [{"from": [{"podSelector": ml(pod="b")}]}])],
             [(80, "TCP", R().all_ingress("x/a", False).expect("x/b", "x/a", True))])
    # Upstream runs this on x/a, x/b, y/a; x/c is selected by deny-all exactly like x/b.
    e2e_case("e2e-allow-ingress-for-target", [
        ingress_np("x", "deny-all", {}, []),
        ingress_np("x", "allow-all-to-a", POD_A, [{"from": [{"podSelector": {}, "namespaceSelector": {}}]}])],
        [(80, "TCP", R().peer({}, X, False).all_ingress("x/a", True))])
    e2e_case("e2e-allow-from-all-namespaces",
             [ingress_np("x", "allow-from-another-ns", POD_A, [{"from": [{"namespaceSelector": {"matchLabels": {}}}]}])],
             [(80, "TCP", R())])
    e2e_case("e2e-namespaceselector-matchlabels",
             [ingress_np("x", "allow-client-a-via-ns-selector", POD_A, [{"from": [{"namespaceSelector": ml_({NS_LABEL: "y"})}]}])],
             [(80, "TCP", R().peer(X, {"ns": "x", "pod": "a"}, False).peer(Z, {"ns": "x", "pod": "a"}, False))])
    e2e_case("e2e-podselector-matchexpressions",
             [ingress_np("x", "x-a-allows-x-b", POD_A, [{"from": [{"podSelector": expr("pod", "In", ["b"])}]}])],
             [(80, "TCP", R().all_ingress("x/a", False).expect("x/b", "x/a", True))])
    e2e_case("e2e-namespaceselector-matchexpressions",
             [ingress_np("x", "allow-ns-y-match-selector", POD_A, [{"from": [{"namespaceSelector": expr(NS_LABEL, "In", ["y"])}]}])],
             [(80, "TCP", R().peer(X, {"ns": "x", "pod": "a"}, False).peer(Z, {"ns": "x", "pod": "a"}, False))])
    # Two peers are ORed: any namespace but x, or pod=b in x. Upstream's pod list has no x/c-like pod in y/z to worry about.
    e2e_case("e2e-podselector-or-namespaceselector",
             [ingress_np("x", "allow-ns-y-match-selector", POD_A, [{"from": [
                 {"namespaceSelector": expr(NS_LABEL, "NotIn", ["x"])}, {"podSelector": ml(pod="b")}]}])],
             [(80, "TCP", R().expect("x/c", "x/a", False))])
    # One peer with both selectors is ANDed: pod=b in a namespace other than x.
    e2e_case("e2e-podselector-and-namespaceselector",
             [ingress_np("x", "allow-ns-y-podselector-and-nsselector", POD_A, [{"from": [
                 {"namespaceSelector": expr(NS_LABEL, "NotIn", ["x"]), "podSelector": ml(pod="b")}]}])],
             [(80, "TCP", R().all_ingress("x/a", False).expect("y/b", "x/a", True).expect("z/b", "x/a", True))])
    # pods {b,c} outside x: upstream has y/a as the non-matching pod; z/a is excluded the same way.
    e2e_case("e2e-multiple-podselectors-and-namespaceselectors",
             [ingress_np("x", "allow-ns-y-z-pod-b-c", POD_A, [{"from": [
                 {"namespaceSelector": expr(NS_LABEL, "NotIn", ["x"]), "podSelector": expr("pod", "In", ["b", "c"])}]}])],
             [(80, "TCP", R().peer(X, {"ns": "x", "pod": "a"}, False).expect("y/a", "x/a", False).expect("z/a", "x/a", False))])
    e2e_case("e2e-any-podselectors",
             [ingress_np("x", "allow-ns-x-pod-b-c", POD_A, [{"from": [{"podSelector": ml(pod="b")}, {"podSelector": ml(pod="c")}]}])],
             [(80, "TCP", R().all_ingress("x/a", False).expect("x/b", "x/a", True).expect("x/c", "x/a", True))])
    e2e_case("e2e-pod-in-other-namespace",
             [ingress_np("x", "allow-ns-y-pod-a-via-namespace-pod-selector", POD_A, [{"from": [
                 {"namespaceSelector": ml_({NS_LABEL: "y"}), "podSelector": POD_A}]}])],
             [(80, proto, R().all_ingress("x/a", False).expect("y/a", "x/a", True)) for proto in ("TCP", "UDP", "SCTP")])
    port81 = ingress_np("x", "allow-client-a-via-ns-selector", POD_A, [{"from": [{"namespaceSelector": ml_({NS_LABEL: "y"})}],
                                                                        "ports": [{"port": 81, "protocol": "TCP"}]}])
    allow81 = lambda: R().peer(X, {"ns": "x", "pod": "a"}, False).peer(Y, {"ns": "x", "pod": "a"}, True).peer(Z, {"ns": "x", "pod": "a"}, False)
    e2e_case("e2e-ports", [port81], [(81, "TCP", allow81()), (80, "TCP", R().all_ingress("x/a", False))])
    port80 = ingress_np("x", "allow-client-a-via-ns-selector-80", POD_A, [{"from": [{"namespaceSelector": ml_({NS_LABEL: "y"})}],
                                                                          "ports": [{"port": 80, "protocol": "TCP"}]}])
    e2e_case("e2e-stacked-policies-overlapping-podselectors", [port81, port80], [(81, "TCP", allow81()), (80, "TCP", allow81())])
    e2e_case("e2e-allow-all", [ingress_np("x", "allow-all", {}, [{}])], [(80, "TCP", R()), (81, "TCP", R())])
    e2e_case("e2e-named-port-ingress", [ingress_np("x", "allow-all", {}, [{"ports": [{"port": "serve-81-tcp"}]}])],
             [(81, "TCP", R()), (80, "TCP", R().peer({}, X, False)), (81, "UDP", R().peer({}, X, False))])
    e2e_case("e2e-named-port-from-namespace",
             [ingress_np("x", "allow-client-a-via-ns-selector-80", POD_A, [{"from": [{"namespaceSelector": ml_({NS_LABEL: "y"})}],
                                                                            "ports": [{"port": "serve-80-tcp", "protocol": "TCP"}]}])],
             [(80, "TCP", R().peer(X, {"ns": "x", "pod": "a"}, False).peer(Z, {"ns": "x", "pod": "a"}, False)),
              (81, "TCP", R().all_ingress("x/a", False))])
    e2e_case("e2e-named-port-egress", [egress_np("x", "allow-egress", {}, [{"ports": [{"port": "serve-80-tcp"}]}])],
             [(80, "TCP", R()), (81, "TCP", R().peer(X, {}, False))])
    e2e_case("e2e-update-policy-to-deny-all", [ingress_np("x", "allow-all-mutate-to-deny-all", {}, [])],
             [(81, "TCP", R().peer({}, X, False))])
    # After the namespace label update: y carries ns2=updated.
    e2e_case("e2e-updated-namespace-label",
             [namespace("y", {"ns2": "updated"}),
              ingress_np("x", "allow-client-a-via-ns-selector", POD_A, [{"from": [{"namespaceSelector": ml(ns2="updated")}]}])],
             [(80, "TCP", R().all_ingress("x/a", False).peer(Y, {}, True))])
    e2e_case("e2e-updated-pod-label",
             [ingress_np("x", "allow-client-a-via-pod-selector", POD_A, [{"from": [{"podSelector": ml(pod="b", pod2="updated")}]}])],
             [(80, "TCP", R().all_ingress("x/a", False).expect("x/b", "x/a", True))],
             extra_pod_labels={"x/b": {"pod2": "updated"}})
    e2e_case("e2e-deny-ingress-from-other-namespaces",
             [ingress_np("x", "deny-empty-policy", {}, [{"from": [{"podSelector": {"matchLabels": {}}}]}])],
             [(80, "TCP", R().peer(Y, X, False).peer(Z, X, False))])
    e2e_case("e2e-deny-ingress-to-updated-pod", [ingress_np("x", "deny-ingress-via-label-selector", ml(target="isolated"), [])],
             [(80, "TCP", R().all_ingress("x/a", False))], extra_pod_labels={"x/a": {"target": "isolated"}})
    e2e_case("e2e-deny-egress-podselector", [egress_np("x", "deny-egress-pod-a", POD_A, [])],
             [(80, "TCP", R().all_egress("x/a", False))])
    e2e_case("e2e-deny-egress-namespace", [egress_np("x", "deny-egress-ns-x", {}, [])],
             [(80, "TCP", R().peer(X, {}, False))])
    e2e_case("e2e-ingress-and-egress-together",
             [np("x", "allow-client-a-via-pod-selector", POD_A, ingress=[{"from": [{"podSelector": ml(pod="b")}]}],
                 egress=[{"ports": [{"port": 80}]}], types=["Egress", "Ingress"])],
             [(80, "TCP", R().all_ingress("x/a", False).expect("x/b", "x/a", True)),
              (81, "TCP", R().all_ingress("x/a", False).all_egress("x/a", False).expect("x/b", "x/a", True))])
    peer_x_a = {"from": [{"namespaceSelector": ml_({NS_LABEL: "x"}), "podSelector": POD_A}]}
    e2e_case("e2e-egress-denied-on-client-side", [
        egress_np("x", "allow-to-ns-y-pod-a", POD_A, [{"to": [{"namespaceSelector": ml_({NS_LABEL: "y"}), "podSelector": POD_A}]}]),
        ingress_np("y", "allow-from-xa-on-ya-match-selector", POD_A, [peer_x_a]),
        ingress_np("y", "allow-from-xa-on-yb-match-selector", ml(pod="b"), [peer_x_a])],
        [(80, "TCP", R().peer({"ns": "x", "pod": "a"}, {}, False).peer({}, {"ns": "y", "pod": "a"}, False)
          .peer({"ns": "x", "pod": "a"}, {"ns": "y", "pod": "a"}, True).peer({}, {"ns": "y", "pod": "b"}, False))])
    e2e_case("e2e-egress-to-pod-in-other-namespace",
             [egress_np("x", "allow-to-ns-y-pod-a", POD_A, [{"to": [{"namespaceSelector": ml_({NS_LABEL: "y"}), "podSelector": POD_A}]}])],
             [(80, "TCP", R().all_egress("x/a", False).expect("x/a", "y/a", True))])
    e2e_case("e2e-ingress-any-port-one-protocol", [ingress_np("x", "allow-ingress-by-proto", POD_A, [{"ports": [{"protocol": "TCP"}]}])],
             [(80, "TCP", R()), (80, "UDP", R().peer({}, {"ns": "x", "pod": "a"}, False))])
    only80 = ingress_np("x", "allow-ingress-port-80", {}, [{"ports": [{"port": 80}]}])
    e2e_case("e2e-ingress-restricted-to-port-80", [only80], [(81, "TCP", R().peer({}, X, False)), (80, "TCP", R())])
    e2e_case("e2e-ingress-allow-all-takes-precedence", [only80, ingress_np("x", "allow-ingress", {}, [{}])], [(81, "TCP", R())])
    egress80 = egress_np("x", "allow-egress-port-80", {}, [{"ports": [{"port": 80}]}])
    e2e_case("e2e-egress-restricted-to-port-80", [egress80], [(81, "TCP", R().peer(X, {}, False)), (80, "TCP", R())])
    e2e_case("e2e-egress-allow-all-takes-precedence", [egress80, egress_np("x", "allow-egress", {}, [{}])], [(81, "TCP", R())])
    e2e_case("e2e-egress-to-cidr", [egress_np("x", "allow-client-a-via-cidr-egress-rule", POD_A,
                                              [{"to": [{"ipBlock": {"cidr": e2e_ip("y/b") + "/32"}}]}])],
             [(80, "TCP", R().all_egress("x/a", False).expect("x/a", "y/b", True))])
    # makeLargeCIDRForIP: the /4 that holds x/b's address, 0.0.0.0/4 for 10.0.1.11; every model pod is inside it.
    e2e_case("e2e-egress-cidr-except", [egress_np("x", "allow-client-a-via-cidr-egress-rule", POD_A,
                                                  [{"to": [{"ipBlock": {"cidr": "0.0.0.0/4", "except": [e2e_ip("x/b") + "/32"]}}]}])],
             [(80, "TCP", R().expect("x/a", "x/b", False))])
    e2e_case("e2e-egress-cidr-replaced-by-host-block", [egress_np("x", "allow-client-a-via-cidr-egress-rule", POD_A,
                                                                  [{"to": [{"ipBlock": {"cidr": e2e_ip("x/b") + "/32"}}]}])],
             [(80, "TCP", R().all_egress("x/a", False).expect("x/a", "x/b", True))])
    e2e_case("e2e-ingress-egress-controlled-independently", [
        egress_np("x", "allow-egress-for-target", POD_A, [{}]),
        ingress_np("x", "deny-ingress-via-label-selector", POD_A, [])],
        [(80, "TCP", R().all_ingress("x/a", False))])
    # SCTP/UDP allowances do not open TCP. The SCTP and UDP matrices are this project's reading of the same policies.
    e2e_case("e2e-sctp-is-not-tcp", [ingress_np("x", "deny-ingress", {}, []),
                                     ingress_np("x", "allow-only-sctp-ingress-on-port-81", POD_A, [{"ports": [{"port": 81, "protocol": "SCTP"}]}])],
             [(81, "TCP", R().peer({}, X, False)), (81, "SCTP", R().peer({}, X, False).all_ingress("x/a", True))])
    e2e_case("e2e-sctp-allowance-still-isolates", [ingress_np("x", "allow-only-sctp-ingress-on-port-80", POD_A,
                                                              [{"ports": [{"port": 80, "protocol": "SCTP"}]}])],
             [(81, "TCP", R().all_ingress("x/a", False))])
    e2e_case("e2e-udp-is-not-tcp", [ingress_np("x", "allow-only-udp-ingress-on-port-81", POD_A, [{"ports": [{"port": 81, "protocol": "UDP"}]}])],
             [(81, "TCP", R().all_ingress("x/a", False)), (81, "UDP", R())])
    e2e_case("e2e-egress-namespace-notin-default-label",
             [egress_np("x", "allow-ns-y-match-selector-for-immutable-ns-label", POD_A, [{"to": [{"namespaceSelector": expr(NS_LABEL, "NotIn", ["y"])}]}])],
             [(80, "TCP", R().peer({"ns": "x", "pod": "a"}, Y, False))])
    e2e_case("e2e-udp-default-deny-ingress", [ingress_np("x", "deny-all", {}, [])], [(80, "UDP", R().peer({}, X, False))])
    e2e_case("e2e-udp-ports", [ingress_np("x", "allow-ingress-on-port-81-ns-x", POD_A, [{"from": [{"namespaceSelector": ml_({NS_LABEL: "y"})}],
                                                                                      "ports": [{"port": 81, "protocol": "UDP"}]}])],
             [(81, "UDP", R().peer(X, {"ns": "x", "pod": "a"}, False).peer(Z, {"ns": "x", "pod": "a"}, False))])
    e2e_case("e2e-sctp-ports", [ingress_np("x", "allow-ingress-on-port-81-ns-x", POD_A, [{"from": [{"namespaceSelector": ml_({NS_LABEL: "y"})}],
                                                                                       "ports": [{"port": 81, "protocol": "SCTP"}]}])],
             [(81, "SCTP", R().peer(X, {"ns": "x", "pod": "a"}, False).peer(Z, {"ns": "x", "pod": "a"}, False))])

# ---------------------------------------------------------------- network-policy-api conformance model

HOUSES = {  # namespace suffix -> (statefulset name, pod IP prefix)
    "gryffindor": ("harry-potter", "10.1.0."),
    "slytherin": ("draco-malfoy", "10.2.0."),
    "hufflepuff": ("cedric-diggory", "10.3.0."),
    "ravenclaw": ("luna-lovegood", "10.4.0."),
}
NODES = {"kind-worker": "172.18.0.2", "kind-worker2": "172.18.0.3"}
PFX = "network-policy-conformance-"

def house_pod(house, i): return f"{PFX}{house}/{HOUSES[house][0]}-{i}"
def house_ip(house, i): return HOUSES[house][1] + str(10 + i)
def centaur(i): return f"{PFX}forbidden-forrest/centaur-{i}"

def conformance_objects(policies):
    objs = [namespace(PFX + h, {"conformance-house": h}) for h in list(HOUSES) + ["forbidden-forrest"]]
    objs += [node(n, {"kubernetes.io/os": "linux", "kubernetes.io/hostname": n}, ip) for n, ip in NODES.items()]
    # The servers listen on 80/TCP (named web), 8080/TCP, 5353/UDP, 53/UDP (named dns), 9003/SCTP, 9005/SCTP.
    ports = [{"containerPort": 80, "protocol": "TCP", "name": "web"}, {"containerPort": 53, "protocol": "UDP", "name": "dns"}]
    for h, (sts, _) in HOUSES.items():
        for i in (0, 1):
            objs.append(pod(PFX + h, f"{sts}-{i}", {"conformance-house": h, "statefulset.kubernetes.io/pod-name": f"{sts}-{i}"},
                            house_ip(h, i), ports))
    # forbidden-forrest runs host-network pods (one per node): their address is the node's.
    for i, (n, ip) in enumerate(NODES.items()):
        objs.append(pod(PFX + "forbidden-forrest", f"centaur-{i}", {"app": "centaur"}, ip,
                        [{"containerPort": 36363, "protocol": "TCP"}], host_network=True, node=n))
    return objs + policies

def poke(frm, to, port, proto, allowed, **more):
    probe = {"from": frm, "to": to, "port": port, "protocol": proto}
    exp = dict(probe); exp["allowed"] = allowed; exp.update(more)
    return probe, exp

def conformance_case(name, policies, pokes):
    write_case(name, conformance_objects(policies), [p for p, _ in pokes], [e for _, e in pokes])

def ns_sel(house): return {"matchLabels": {"conformance-house": house}}
def ns_name_sel(house): return {"matchLabels": {NS_LABEL: PFX + house}}
def pods_sel(house): return {"namespaceSelector": ns_sel(house), "podSelector": ns_sel(house)}
def port_number(port, proto="TCP"): return {"portNumber": {"protocol": proto, "port": port}}

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

# ---------------------------------------------------------------- policy-assistant pkg/matcher policy_tests.go

def small_case(name, objects, pokes, issues=None):
    write_case(name, objects, [p for p, _ in pokes], [e for _, e in pokes])
    if issues:
        with open(os.path.join(HERE, name, "issues.json"), "w") as f:
            f.write(json.dumps(issues, indent=2) + "\n")

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

if __name__ == "__main__":
    e2e_cases()
    conformance_cases()
    pa_cases()
    semantics_cases()
