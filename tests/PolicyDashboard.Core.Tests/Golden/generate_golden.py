#!/usr/bin/env python3
"""Writes the golden scenario folders (cluster.yaml, probes.json, expected.json).

Expected verdicts are transcribed from the upstream suites' own expectations, never from this project's engine:
  * kubernetes test/e2e/network/netpol/network_policy.go (golden_e2e.py): each case restates the test's Reachability calls
    (ExpectPeer / ExpectAllIngress / ExpectAllEgress / Expect) over the full x,y,z x a,b,c model. Upstream runs some
    cases on fewer pods; for the pods it leaves out, the same rule is applied (noted where it matters).
    Upstream ignores loopback; here a pod probing itself is always allowed and flagged loopback.
  * kubernetes-sigs/network-policy-api conformance (golden_network_policy_api.py): v1alpha1 ANP/BANP (git history before 8c1c5fa) and v1alpha2
    ClusterNetworkPolicy (HEAD). Each folder is one state of the cluster after the test's patches; probes are the
    test's PokeServer calls (server addressed by pod IP where upstream does so).
  * policy-assistant pkg/matcher policy_tests.go, and cases reasoned from the API reference (golden_semantics.py).
Run: python3 generate_golden.py  (needs PyYAML). Folders are rewritten in place.
"""
from golden_e2e import e2e_cases
from golden_network_policy_api import conformance_cases
from golden_semantics import pa_cases, semantics_cases

if __name__ == "__main__":
    e2e_cases()
    conformance_cases()
    pa_cases()
    semantics_cases()
