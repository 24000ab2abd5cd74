"""kubernetes test/e2e/network/netpol/network_policy.go, restated over the x,y,z x a,b,c model."""
from golden_model import *


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
