"""The server side of Cognito's SRP-6a, with the same parameters and encodings as pycognito and Amplify."""

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass

from pycognito.aws_srp import (
    G_HEX,
    N_HEX,
    calculate_u,
    compute_hkdf,
    hash_sha256,
    hex_hash,
    hex_to_long,
    long_to_hex,
    pad_hex,
)

BIG_N = hex_to_long(N_HEX)
G = hex_to_long(G_HEX)
K = hex_to_long(hex_hash('00' + N_HEX + '0' + G_HEX))


class SrpError(Exception):
    """The client's SRP values are unusable."""


@dataclass(frozen=True)
class SrpChallenge:
    """What the server remembers between PASSWORD_VERIFIER's two steps."""

    pool_name: str
    user_id: str
    salt_hex: str
    big_a: int
    big_b: int
    small_b: int
    verifier: int
    secret_block: str


def pool_name_of(user_pool_id: str) -> str:
    """`us-east-1_AbC` -> `AbC`: the part of the pool id that SRP hashes."""
    return user_pool_id.split('_', 1)[1]


def start_challenge(user_pool_id: str, user_id: str, password: str, srp_a_hex: str) -> SrpChallenge:
    """Compute salt, B and a base64 secret block for a client's A."""
    big_a = hex_to_long(srp_a_hex)
    if big_a % BIG_N == 0:
        raise SrpError('A must not be zero modulo N')
    pool_name = pool_name_of(user_pool_id)
    salt_hex = pad_hex(int.from_bytes(os.urandom(16), 'big'))
    identity_hash = hash_sha256(f'{pool_name}{user_id}:{password}'.encode())
    x = hex_to_long(hex_hash(pad_hex(salt_hex) + identity_hash))
    verifier = pow(G, x, BIG_N)
    small_b = int.from_bytes(os.urandom(128), 'big') % BIG_N
    big_b = (K * verifier + pow(G, small_b, BIG_N)) % BIG_N
    secret_block = base64.standard_b64encode(os.urandom(64)).decode()
    return SrpChallenge(pool_name, user_id, salt_hex, big_a, big_b, small_b, verifier, secret_block)


def expected_signature(challenge: SrpChallenge, timestamp: str) -> str:
    """The PASSWORD_CLAIM_SIGNATURE that only a client knowing the password can produce."""
    u = calculate_u(challenge.big_a, challenge.big_b)
    if u == 0:
        raise SrpError('u must not be zero')
    shared = pow(challenge.big_a * pow(challenge.verifier, u, BIG_N), challenge.small_b, BIG_N)
    key = compute_hkdf(bytearray.fromhex(pad_hex(shared)), bytearray.fromhex(pad_hex(long_to_hex(u))))
    message = (challenge.pool_name.encode() + challenge.user_id.encode()
               + base64.standard_b64decode(challenge.secret_block) + timestamp.encode())
    return base64.standard_b64encode(hmac.new(key, message, hashlib.sha256).digest()).decode()


def signature_matches(challenge: SrpChallenge, timestamp: str, signature: str) -> bool:
    """Constant-time check of the client's proof."""
    return hmac.compare_digest(expected_signature(challenge, timestamp), signature)
