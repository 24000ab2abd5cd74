"""Shared vocabulary of the golden scenario generator: manifests, the two upstream pod models, expectation helpers."""
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

def small_case(name, objects, pokes, issues=None):
    write_case(name, objects, [p for p, _ in pokes], [e for _, e in pokes])
    if issues:
        with open(os.path.join(HERE, name, "issues.json"), "w") as f:
            f.write(json.dumps(issues, indent=2) + "\n")
