#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""A scriptable hostile iSCSI target for the end-to-end tests.

It logs initiators in properly (leading logins with text negotiation,
non-leading logins with the session's TSIH and new CIDs, discovery
sessions), serves one small RAM-backed LUN and then misbehaves as the case
named on the command line says (tests/e2e/hostile.sh lists them). Run only
inside the test VM, on a 127.0.0.0/8 address.

Full feature phase cases fire on the first command that touches the disk at
or past TRIGGER_LBA (the test reads or writes there; the kernel's own scan
never does), and only on the connection that carried it: the connections
that log in after it behave, so recovery can be observed. Login cases apply
to every login of their kind.

The initiator's own protocol violations seen by the target (Data-Out for a
task already answered or never asked for) are printed as
"hostile: VIOLATION ..." lines, which the test counts.
Standard library only.
"""

import argparse
import os
import socket
import struct
import sys
import threading
import time

TRIGGER_LBA = 16384          # 8 MiB into the disk, in 512-byte blocks
BLOCK = 512
RESERVED = 0xFFFFFFFF

OP_NOP_OUT, OP_SCSI_CMD, OP_TMF, OP_LOGIN, OP_TEXT, OP_DATA_OUT, OP_LOGOUT = \
    0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06
OP_NOP_IN, OP_SCSI_RSP, OP_TMF_RSP, OP_LOGIN_RSP, OP_TEXT_RSP = \
    0x20, 0x21, 0x22, 0x23, 0x24
OP_DATA_IN, OP_LOGOUT_RSP, OP_R2T, OP_ASYNC, OP_REJECT = \
    0x25, 0x26, 0x31, 0x32, 0x3F

LOGIN_CASES = {"login_c_forever", "login_slowloris", "login_endless_text",
               "login_wrong_stage", "version_wrong", "isid_wrong",
               "text_no_nul", "chap_short"}
NONLEADING_CASES = {"tsih_zero_nonleading", "tsih_changed_nonleading"}
DISCOVERY_CASES = {"sendtargets_endless", "sendtargets_huge"}

log_lock = threading.Lock()


def say(msg):
    with log_lock:
        sys.stdout.write("hostile: %s\n" % msg)
        sys.stdout.flush()


def _crc32c_table():
    tab = []
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        tab.append(c)
    return tab


CRC_TAB = _crc32c_table()


def crc32c(data):
    c = 0xFFFFFFFF
    tab = CRC_TAB
    for b in data:
        c = tab[(c ^ b) & 0xFF] ^ (c >> 8)
    # iSCSI sends the digest little-endian on the wire.
    return struct.pack("<I", c ^ 0xFFFFFFFF)


def pad4(n):
    return (4 - n % 4) % 4


def sn_lt(a, b):
    return a != b and ((b - a) & 0xFFFFFFFF) < 0x80000000


def decode_text(data):
    keys = []
    for item in data.split(b"\0"):
        if not item:
            continue
        k, _, v = item.decode("latin-1").partition("=")
        keys.append((k, v))
    return keys


def encode_text(pairs):
    return b"".join(("%s=%s" % kv).encode() + b"\0" for kv in pairs)


class Session:
    def __init__(self, tsih, isid, discovery):
        self.tsih = tsih
        self.isid = isid
        self.discovery = discovery
        self.lock = threading.Lock()
        self.exp_cmdsn = 0
        self.params = {}
        self.conns = {}


class Target:
    def __init__(self, args):
        self.args = args
        self.case = args.case
        self.iqn = args.iqn
        self.disk = bytearray(args.size_mb << 20)
        self.lock = threading.Lock()
        self.sessions = {}
        self.next_tsih = 1
        self.hostile_conn = None
        self.fired = False

    def session_new(self, isid, discovery):
        with self.lock:
            for s in list(self.sessions.values()):
                if s.isid == isid and s.discovery == discovery:
                    # Session reinstatement: the old one's connections go.
                    del self.sessions[s.tsih]
                    for c in list(s.conns.values()):
                        c.close()
            tsih = self.next_tsih
            self.next_tsih = self.next_tsih % 0xFFFF + 1
            s = Session(tsih, isid, discovery)
            self.sessions[tsih] = s
            return s

    def fire(self, conn):
        """The first trigger makes CONN the hostile one; True while it is."""
        with self.lock:
            if not self.fired:
                self.fired = True
                self.hostile_conn = conn
                say("case %s fires on CID %d" % (self.case, conn.cid))
            return self.hostile_conn is conn


class ConnClosed(Exception):
    pass


class Conn:
    def __init__(self, target, sock, peer):
        self.t = target
        self.case = target.case
        self.sock = sock
        self.peer = peer
        self.sess = None
        self.cid = -1
        self.statsn = 0x1000
        self.hd = self.dd = False
        self.mrdsl_out = 8192       # what the initiator receives
        self.mrdsl_in = 8192        # what we declared, as LIO does
        self.writes = {}
        self.done_itts = []
        self.ttt = 0x100
        self.closed = False
        self.flooded = False
        self.send_lock = threading.Lock()

    def close(self):
        self.closed = True
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    # --- wire
    def recv_exact(self, n):
        buf = bytearray(n)
        view = memoryview(buf)
        got = 0
        while got < n:
            r = self.sock.recv_into(view[got:], n - got)
            if not r:
                raise ConnClosed()
            got += r
        return bytes(buf)

    def recv_bhs(self):
        bhs = self.recv_exact(48)
        ahs_len = bhs[4] * 4
        dsl = int.from_bytes(bhs[5:8], "big")
        if ahs_len:
            self.recv_exact(ahs_len)
        if self.hd:
            self.recv_exact(4)
        return bhs, dsl

    def recv_data(self, dsl):
        if not dsl:
            return b""
        data = self.recv_exact(dsl + pad4(dsl))[:dsl]
        if self.dd:
            self.recv_exact(4)
        return data

    def recv_pdu(self):
        bhs, dsl = self.recv_bhs()
        return bhs, self.recv_data(dsl)

    def build(self, bhs, data=b"", bad_hd=False, bad_dd=False):
        bhs = bytearray(bhs)
        bhs[5:8] = len(data).to_bytes(3, "big")
        out = bytes(bhs)
        if self.hd:
            d = crc32c(bhs)
            out += bytes(b ^ 0xFF for b in d) if bad_hd else d
        if data:
            out += data + b"\0" * pad4(len(data))
            if self.dd:
                d = crc32c(data + b"\0" * pad4(len(data)))
                out += bytes(b ^ 0xFF for b in d) if bad_dd else d
        return out

    def send_raw(self, raw):
        with self.send_lock:
            self.sock.sendall(raw)

    def send(self, bhs, data=b"", **kw):
        self.send_raw(self.build(bhs, data, **kw))

    def sns(self, status=True):
        """StatSN, ExpCmdSN, MaxCmdSN for a PDU; advance StatSN if status."""
        s = self.sess
        with s.lock:
            exp = s.exp_cmdsn
        statsn = self.statsn
        if status:
            self.statsn = (self.statsn + 1) & 0xFFFFFFFF
        return statsn, exp, (exp + 63) & 0xFFFFFFFF

    def hdr(self, op, flags, itt, ttt=RESERVED, status=True, lun=0):
        bhs = bytearray(48)
        bhs[0] = op
        bhs[1] = flags
        bhs[8:16] = struct.pack(">Q", lun)
        struct.pack_into(">II", bhs, 16, itt, ttt)
        statsn, exp, mx = self.sns(status)
        struct.pack_into(">III", bhs, 24, statsn, exp, mx)
        return bhs

    # --- login
    def run(self):
        try:
            if self.login():
                self.full_feature()
        except (ConnClosed, ConnectionError, OSError):
            pass
        finally:
            try:
                self.sock.close()
            except OSError:
                pass
            if self.sess is not None:
                with self.sess.lock:
                    if self.sess.conns.get(self.cid) is self:
                        del self.sess.conns[self.cid]
            if self.t.hostile_conn is self:
                say("hostile connection closed")
                self.t.hostile_conn = None

    def answer_keys(self, keys, leading, discovery, answered):
        a = self.t.args
        out = []
        for k, v in keys:
            if k in answered:
                continue
            if k in ("InitiatorName", "TargetName", "SessionType",
                     "InitiatorAlias", "CHAP_N", "CHAP_R"):
                # Declarations, and a CHAP answer taken as it is.
                continue
            answered.add(k)
            if k == "AuthMethod":
                vals = v.split(",")
                if self.case == "chap_short" and "CHAP" in vals:
                    out.append((k, "CHAP"))
                else:
                    out.append((k, "None" if "None" in vals else "Reject"))
            elif k == "CHAP_A":
                out += [("CHAP_A", "5"), ("CHAP_I", "1"),
                        ("CHAP_C", "0x01")]
                self.chap_now = True
            elif k in ("HeaderDigest", "DataDigest"):
                vals = v.split(",")
                pick = "CRC32C" if a.digests and "CRC32C" in vals else vals[0]
                out.append((k, pick))
                if k == "HeaderDigest":
                    self.hd_next = pick == "CRC32C"
                else:
                    self.dd_next = pick == "CRC32C"
            elif k == "MaxRecvDataSegmentLength":
                self.mrdsl_out = int(v)
                out.append((k, str(self.mrdsl_in)))
            elif k == "MaxConnections":
                out.append((k, str(min(int(v), 8))))
            elif k == "MaxOutstandingR2T":
                out.append((k, "1"))
            elif k == "ErrorRecoveryLevel":
                out.append((k, "0"))
            elif k == "MaxBurstLength":
                out.append((k, str(min(int(v), 262144))))
            elif k == "FirstBurstLength":
                out.append((k, str(min(int(v), 65536))))
            elif k == "InitialR2T" and self.case != "rsp_during_immdata":
                # Yes wins an OR: writes past the immediate data need R2Ts.
                out.append((k, "Yes"))
            elif k in ("InitialR2T", "ImmediateData", "DataPDUInOrder",
                       "DataSequenceInOrder", "DefaultTime2Wait",
                       "DefaultTime2Retain", "iSCSIProtocolLevel",
                       "TaskReporting"):
                out.append((k, v))
            else:
                out.append((k, "NotUnderstood"))
            if k not in ("HeaderDigest", "DataDigest", "AuthMethod",
                         "CHAP_A", "MaxRecvDataSegmentLength"):
                self.neg[k] = out[-1][1]
        return out

    def login(self):
        answered = set()
        self.neg = {}
        self.hd_next = self.dd_next = False
        self.chap_now = False
        first = True
        sess = None
        tsih_out = 0
        while True:
            bhs, data = self.recv_pdu()
            if bhs[0] & 0x3F != OP_LOGIN:
                say("non-login PDU 0x%02x before full feature phase" %
                    bhs[0])
                return False
            flags = bhs[1]
            transit = bool(flags & 0x80)
            cont = bool(flags & 0x40)
            csg = (flags >> 2) & 3
            nsg = flags & 3
            isid = bhs[8:14]
            tsih = struct.unpack(">H", bhs[14:16])[0]
            itt = struct.unpack(">I", bhs[16:20])[0]
            cid = struct.unpack(">H", bhs[20:22])[0]
            cmdsn = struct.unpack(">I", bhs[24:28])[0]
            keys = decode_text(data)
            kd = dict(keys)
            if first:
                first = False
                self.cid = cid
                discovery = kd.get("SessionType") == "Discovery"
                if tsih == 0:
                    sess = self.t.session_new(isid, discovery)
                    sess.exp_cmdsn = cmdsn
                    tsih_out = sess.tsih
                else:
                    with self.t.lock:
                        sess = self.t.sessions.get(tsih)
                    if sess is None or sess.isid != isid:
                        self.login_reject(itt, 2, 0x0A)  # session missing
                        return False
                    tsih_out = tsih
                    with sess.lock:
                        old = sess.conns.get(cid)
                    if old is not None:
                        old.close()
                self.sess = sess
                self.leading = tsih == 0
            if cont:
                # The initiator continues its text: answer empty.
                self.login_send(itt, csg, csg, False, b"", 0, isid)
                continue
            out = self.answer_keys(keys, self.leading, sess.discovery,
                                   answered)
            if csg == 0 and not any(k == "TargetPortalGroupTag"
                                    for k in answered):
                answered.add("TargetPortalGroupTag")
                out.append(("TargetPortalGroupTag", "1"))
            if self.chap_now:
                # The challenge needs an answer before the stage ends.
                self.chap_now = False
                transit = False
            text = encode_text(out)
            final = transit and nsg == 3
            if self.login_hostile(itt, csg, nsg, transit, text, isid,
                                  tsih_out if final else 0):
                return False
            self.login_send(itt, csg, nsg if transit else 0, transit, text,
                            tsih_out if final else 0, isid)
            if final:
                break
        if self.leading:
            sess.params = dict(self.neg)
        self.hd, self.dd = self.hd_next, self.dd_next
        with sess.lock:
            sess.conns[self.cid] = self
        p = sess.params
        self.imm = p.get("ImmediateData", "Yes") == "Yes"
        self.initial_r2t = p.get("InitialR2T", "Yes") == "Yes"
        self.fbl = int(p.get("FirstBurstLength", "65536"))
        self.mbl = int(p.get("MaxBurstLength", "262144"))
        say("CID %d of session TSIH %d logged in (%s, hd=%d dd=%d)" %
            (self.cid, sess.tsih,
             "discovery" if sess.discovery else "normal", self.hd, self.dd))
        return True

    def login_hdr(self, itt, csg, nsg, transit, cont, tsih, isid,
                  version=0, status=(0, 0)):
        bhs = bytearray(48)
        bhs[0] = OP_LOGIN_RSP
        bhs[1] = (0x80 if transit else 0) | (0x40 if cont else 0) | \
            (csg << 2) | nsg
        bhs[2] = 0
        bhs[3] = version
        bhs[8:14] = isid
        struct.pack_into(">H", bhs, 14, tsih)
        struct.pack_into(">I", bhs, 16, itt)
        statsn = self.statsn
        self.statsn = (self.statsn + 1) & 0xFFFFFFFF
        exp = self.sess.exp_cmdsn if self.sess else 0
        struct.pack_into(">III", bhs, 24, statsn, exp,
                         (exp + 63) & 0xFFFFFFFF)
        bhs[36], bhs[37] = status
        return bhs

    def login_send(self, itt, csg, nsg, transit, text, tsih, isid, **kw):
        self.send(self.login_hdr(itt, csg, nsg, transit, False, tsih, isid,
                                 **kw), text)

    def login_reject(self, itt, cls, detail):
        self.send(self.login_hdr(itt, 0, 0, False, False, 0, bytes(6),
                                 status=(cls, detail)))

    def login_hostile(self, itt, csg, nsg, transit, text, isid, tsih):
        """Misbehave in a login; True once the answer was sent."""
        c = self.case
        final = transit and nsg == 3
        if c == "login_c_forever":
            # C set and no data, however often the initiator asks again.
            while not self.closed:
                self.send(self.login_hdr(itt, csg, 0, False, True, 0, isid))
                bhs, _ = self.recv_pdu()
                itt = struct.unpack(">I", bhs[16:20])[0]
            return True
        if c == "login_endless_text":
            n = 0
            while not self.closed:
                n += 1
                chunk = ("X-hostile-%d=%s" % (n, "a" * 4000)).encode()
                self.send(self.login_hdr(itt, csg, 0, False, True, 0, isid),
                          chunk)
                bhs, _ = self.recv_pdu()
            return True
        if c == "login_slowloris":
            raw = self.build(self.login_hdr(itt, csg, nsg if transit else 0,
                                            transit, False, tsih, isid),
                             text)
            for b in raw:
                if self.closed:
                    break
                self.send_raw(bytes([b]))
                time.sleep(1)
            return True
        if c == "login_wrong_stage":
            self.send(self.login_hdr(itt, 1 if csg == 0 else 0,
                                     nsg if transit else 0, transit, False,
                                     tsih, isid), text)
            return True
        if c == "text_no_nul":
            self.send(self.login_hdr(itt, csg, nsg if transit else 0,
                                     transit, False, tsih, isid),
                      text.rstrip(b"\0") + b"X-hostile=unterminated")
            return True
        if c == "version_wrong" and final:
            self.send(self.login_hdr(itt, csg, nsg, transit, False, tsih,
                                     isid, version=5), text)
            return True
        if c == "isid_wrong" and final:
            bad = bytes([isid[0] ^ 0x3F]) + isid[1:5] + bytes([isid[5] ^ 1])
            self.send(self.login_hdr(itt, csg, nsg, transit, False, tsih,
                                     bad), text)
            return True
        if not self.leading and final and c in NONLEADING_CASES:
            bad = 0 if c == "tsih_zero_nonleading" else (tsih % 0xFFFF) + 1
            self.send(self.login_hdr(itt, csg, nsg, transit, False, bad,
                                     isid), text)
            return True
        return False

    # --- full feature phase
    def full_feature(self):
        while not self.closed:
            bhs, dsl = self.recv_bhs()
            op = bhs[0] & 0x3F
            if op != OP_DATA_OUT and not (bhs[0] & 0x40):
                cmdsn = struct.unpack(">I", bhs[24:28])[0]
                with self.sess.lock:
                    if not sn_lt(cmdsn, self.sess.exp_cmdsn):
                        self.sess.exp_cmdsn = (cmdsn + 1) & 0xFFFFFFFF
            if op == OP_SCSI_CMD:
                self.scsi_cmd(bhs, dsl)
                continue
            data = self.recv_data(dsl)
            if op == OP_NOP_OUT:
                itt = struct.unpack(">I", bhs[16:20])[0]
                if itt != RESERVED and not self.hostile_silent():
                    self.send(self.hdr(OP_NOP_IN, 0x80, itt), data)
            elif op == OP_DATA_OUT:
                self.data_out(bhs, data)
            elif op == OP_TMF:
                self.tmf(bhs)
            elif op == OP_TEXT:
                self.text(bhs, data)
            elif op == OP_LOGOUT:
                self.logout(bhs)
                return
            else:
                say("PDU 0x%02x ignored" % op)

    def hostile_silent(self):
        return self.case == "silence" and self.t.hostile_conn is self

    def text(self, bhs, data):
        itt = struct.unpack(">I", bhs[16:20])[0]
        kd = dict(decode_text(data))
        if "SendTargets" not in kd:
            self.send(self.hdr(OP_TEXT_RSP, 0x80, itt))
            return
        addr = "%s:%d,1" % (self.t.args.addr, self.t.args.port)
        if self.case == "sendtargets_endless":
            n = 0
            while not self.closed:
                n += 1
                chunk = encode_text([("TargetName", "%s-%d" % (self.t.iqn, n)),
                                     ("TargetAddress", addr)])
                self.send(self.hdr(OP_TEXT_RSP, 0x40, itt, 0x55), chunk)
                bhs, data = self.recv_pdu()
                itt = struct.unpack(">I", bhs[16:20])[0]
            return
        if self.case == "sendtargets_huge":
            pairs = []
            for n in range(20000):
                pairs += [("TargetName", "%s-%05d" % (self.t.iqn, n)),
                          ("TargetAddress", addr)]
            whole = encode_text(pairs)
        else:
            whole = encode_text([("TargetName", self.t.iqn),
                                 ("TargetAddress", addr)])
        step = min(self.mrdsl_out, 8192)
        off = 0
        while True:
            chunk = whole[off:off + step]
            off += len(chunk)
            last = off >= len(whole)
            self.send(self.hdr(OP_TEXT_RSP, 0x80 if last else 0x40, itt,
                               RESERVED if last else 0x77), chunk)
            if last:
                return
            bhs, _ = self.recv_pdu()
            itt = struct.unpack(">I", bhs[16:20])[0]

    def tmf(self, bhs):
        itt = struct.unpack(">I", bhs[16:20])[0]
        ref = struct.unpack(">I", bhs[20:24])[0]
        self.writes.pop(ref, None)
        rsp = self.hdr(OP_TMF_RSP, 0x80, itt)
        rsp[2] = 0
        self.send(rsp)

    def logout(self, bhs):
        itt = struct.unpack(">I", bhs[16:20])[0]
        reason = bhs[1] & 0x7F
        rsp = self.hdr(OP_LOGOUT_RSP, 0x80, itt)
        struct.pack_into(">HH", rsp, 40, 0, 0)
        self.send(rsp)
        say("logout (reason %d) on CID %d" % (reason, self.cid))
        if reason == 0:
            for c in list(self.sess.conns.values()):
                if c is not self:
                    c.close()
        self.close()

    # --- SCSI
    def scsi_cmd(self, bhs, dsl):
        flags = bhs[1]
        itt, edtl = struct.unpack(">II", bhs[16:24])
        cdb = bhs[32:48]
        op = cdb[0]
        lba = nblk = None
        if op in (0x28, 0x2A):
            lba, nblk = struct.unpack(">I", cdb[2:6])[0], \
                struct.unpack(">H", cdb[7:9])[0]
        elif op in (0x88, 0x8A):
            lba, nblk = struct.unpack(">Q", cdb[2:10])[0], \
                struct.unpack(">I", cdb[10:14])[0]
        # Only commands past the trigger misbehave (a read near the start
        # of the disk tells whether the session works again), except that
        # a silent connection answers nothing at all.
        hostile = lba is not None and lba + nblk > TRIGGER_LBA and \
            self.t.fire(self)
        if self.hostile_silent():
            hostile = True
        c = self.case if hostile else None
        if c == "rsp_during_immdata" and flags & 0x20 and dsl:
            # Answer before reading the immediate data it is sending.
            self.scsi_rsp(itt, 0)
            self.done(itt)
            self.recv_data(dsl)
            return
        data = self.recv_data(dsl)
        if c == "silence":
            return
        if c == "reject_cmd":
            self.reject(0x09, bhs)
            return
        if c == "unknown_itt":
            self.scsi_rsp(itt ^ 0x5A5A0000, 0)
            return
        if c in ("expcmdsn_far", "maxcmdsn_behind", "statsn_far"):
            self.bad_sn_rsp(itt, bhs)
            return
        if c in ("nop_flood", "reject_flood", "async_flood", "unknown_opcode",
                 "ahs_past_pdu", "logout_wrong_itt"):
            self.unsolicited(c)
            if c in ("nop_flood", "reject_flood"):
                # Barely read: the initiator's socket fills.
                time.sleep(10)
            if c == "logout_wrong_itt":
                time.sleep(1)
                self.close()
                return
        if flags & 0x20:
            self.write_start(itt, edtl, lba, nblk, data, bhs, c)
            return
        self.read_cmd(itt, edtl, cdb, lba, nblk, c)

    def done(self, itt):
        self.done_itts.append(itt)
        del self.done_itts[:-256]

    def scsi_rsp(self, itt, status, sense=b"", resid=0, under=False):
        rsp = self.hdr(OP_SCSI_RSP, 0x80 | (0x02 if resid and under else 0),
                       itt)
        rsp[2] = 0
        rsp[3] = status
        struct.pack_into(">I", rsp, 44, resid)
        data = struct.pack(">H", len(sense)) + sense if sense else b""
        self.send(rsp, data)

    def check_cond(self, itt, key, asc, ascq=0):
        sense = bytes([0x70, 0, key, 0, 0, 0, 0, 10, 0, 0, 0, 0, asc, ascq,
                       0, 0, 0, 0])
        self.scsi_rsp(itt, 2, sense)

    def reject(self, reason, bhs):
        rej = self.hdr(OP_REJECT, 0x80, RESERVED)
        rej[2] = reason
        self.send(rej, bytes(bhs))

    def bad_sn_rsp(self, itt, bhs):
        cmdsn = struct.unpack(">I", bhs[24:28])[0]
        rsp = self.hdr(OP_SCSI_RSP, 0x80, itt)
        if self.case == "expcmdsn_far":
            exp = (cmdsn + (1 << 30)) & 0xFFFFFFFF
            struct.pack_into(">II", rsp, 28, exp, (exp + 63) & 0xFFFFFFFF)
        elif self.case == "maxcmdsn_behind":
            struct.pack_into(">II", rsp, 28, cmdsn + 1,
                             (cmdsn - 100) & 0xFFFFFFFF)
        else:
            statsn = struct.unpack(">I", rsp[24:28])[0]
            struct.pack_into(">I", rsp, 24, (statsn + 0x40000000) &
                             0xFFFFFFFF)
        self.send(rsp)
        self.done(itt)

    def unsolicited(self, c):
        if self.flooded:
            return
        self.flooded = True
        if c == "nop_flood":
            payload = b"N" * min(self.mrdsl_out, 65536)
            for i in range(2000):
                self.send(self.hdr(OP_NOP_IN, 0x80, RESERVED, 0x1000 + i,
                                   status=False), payload)
        elif c == "reject_flood":
            fake = bytearray(48)
            fake[0] = 0x01
            for _ in range(5000):
                self.reject(0x04, fake)
        elif c == "async_flood":
            for _ in range(5000):
                a = self.hdr(OP_ASYNC, 0x80, RESERVED)
                a[36] = 255
                self.send(a)
        elif c == "unknown_opcode":
            self.send(self.hdr(0x3B, 0x80, RESERVED))
        elif c == "ahs_past_pdu":
            p = self.hdr(OP_NOP_IN, 0x80, RESERVED, status=False)
            p[4] = 1        # one word of AHS...
            raw = bytearray(self.build(p))
            # ...whose own length says 400 bytes
            ahs = struct.pack(">HBB", 400, 1, 0)
            raw = raw[:48] + ahs + raw[48:]
            if self.hd:
                raw = raw[:52] + crc32c(bytes(raw[:52])) + raw[56:]
            self.send_raw(bytes(raw))
        elif c == "logout_wrong_itt":
            self.send(self.hdr(OP_LOGOUT_RSP, 0x80, 0x7777777))

    def read_cmd(self, itt, edtl, cdb, lba, nblk, c):
        op = cdb[0]
        if lba is not None:
            if (lba + nblk) * BLOCK > len(self.t.disk):
                self.check_cond(itt, 5, 0x21)
                return
            data = bytes(self.t.disk[lba * BLOCK:(lba + nblk) * BLOCK])
        elif op == 0x12:
            data = self.inquiry(cdb)
        elif op == 0xA0:
            data = struct.pack(">II", 8, 0) + bytes(8)
        elif op == 0x25:
            data = struct.pack(">II", len(self.t.disk) // BLOCK - 1, BLOCK)
        elif op == 0x9E and cdb[1] & 0x1F == 0x10:
            data = struct.pack(">QI", len(self.t.disk) // BLOCK - 1,
                               BLOCK) + bytes(20)
        elif op in (0x00, 0x35, 0x91):
            data = b""
        elif op == 0x1A:
            data = bytes([3, 0, 0, 0])
        elif op == 0x5A:
            data = bytes([0, 6, 0, 0, 0, 0, 0, 0])
        else:
            self.check_cond(itt, 5, 0x20)
            return
        data = data[:edtl]
        resid = edtl - len(data)
        self.data_in(itt, data, c, edtl)
        if c != "datain_after_rsp":
            self.scsi_rsp(itt, 0, resid=resid, under=True)
        self.done(itt)
        if c == "datain_completed_task":
            time.sleep(0.5)
            self.data_in(itt, data[:4096], None, edtl)

    def data_in(self, itt, data, c, edtl):
        # Several PDUs per read, so that a case can spoil one of them.
        seg = min(self.mrdsl_out, 16384)
        if c == "dsl_over_mrdsl":
            seg = self.mrdsl_out * 4
        chunks = []
        for off in range(0, len(data), seg):
            chunks.append((off, data[off:off + seg]))
        if c == "datain_wrong_offset" and len(chunks) > 1:
            chunks[0] = (chunks[0][0] + 4096, chunks[0][1])
        if c == "datain_past_buffer" and chunks:
            chunks.append((edtl, b"P" * 4096))
        if c == "datain_after_rsp":
            self.scsi_rsp(itt, 0)
        for sn, (off, chunk) in enumerate(chunks):
            last = sn == len(chunks) - 1
            p = self.hdr(OP_DATA_IN, 0x80 if last else 0, itt, status=False)
            struct.pack_into(">II", p, 36, sn, off)
            bad = c in ("bad_header_digest", "bad_data_digest") and sn == 1
            self.send(p, chunk, bad_hd=bad and c == "bad_header_digest",
                      bad_dd=bad and c == "bad_data_digest")

    def inquiry(self, cdb):
        if cdb[1] & 1:
            page = cdb[2]
            if page == 0x00:
                return bytes([0, 0, 0, 3, 0x00, 0x80, 0x83])
            if page == 0x80:
                return bytes([0, 0x80, 0, 8]) + b"HOSTILE1"
            if page == 0x83:
                desig = bytes([0x02, 0x01, 0, 16]) + b"HOSTILE HOSTILE1"
                return bytes([0, 0x83, 0, len(desig)]) + desig
            return bytes([0, page, 0, 0])
        return bytes([0, 0, 5, 2, 31, 0, 0, 0x02]) + b"HOSTILE " + \
            b"RAMDISK         " + b"0001"

    # --- writes
    def write_start(self, itt, edtl, lba, nblk, imm, bhs, c):
        if lba is None or (lba + nblk) * BLOCK > len(self.t.disk):
            self.check_cond(itt, 5, 0x21)
            return
        w = {"edtl": edtl, "lba": lba, "buf": bytearray(edtl),
             "got": len(imm), "r2tsn": 0, "ttt": None, "want_end": 0,
             "c": c}
        w["buf"][:len(imm)] = imm
        unsol = len(imm)
        if not self.initial_r2t:
            unsol = min(self.fbl, edtl)
        w["unsol"] = unsol
        self.writes[itt] = w
        if c == "r2t_flood":
            self.r2t(itt, w, len(imm), min(4096, edtl - len(imm)), count=5000)
            time.sleep(10)
            return
        if len(imm) >= unsol:
            self.next_burst(itt, w, c)

    def r2t(self, itt, w, off, length, count=1, r2tsn=None):
        self.ttt += 1
        w["ttt"] = self.ttt
        w["want_end"] = off + length
        for _ in range(count):
            p = self.hdr(OP_R2T, 0x80, itt, self.ttt, status=False)
            sn = w["r2tsn"] if r2tsn is None else r2tsn
            struct.pack_into(">III", p, 36, sn, off, length)
            w["r2tsn"] += 1
            self.send(p)

    def next_burst(self, itt, w, c):
        off = w["got"]
        if off >= w["edtl"]:
            self.write_done(itt, w)
            return
        length = min(self.mbl, w["edtl"] - off)
        if c == "r2t_then_rsp":
            self.r2t(itt, w, off, length)
            self.writes.pop(itt)
            self.scsi_rsp(itt, 0)
            self.done(itt)
            return
        if c == "r2t_bad_r2tsn":
            self.r2t(itt, w, off, length, r2tsn=w["r2tsn"] + 5)
            return
        if c == "r2t_past_transfer":
            self.r2t(itt, w, off, length + 65536)
            return
        if c == "r2t_too_many":
            half = max(512, length // 4)
            for o in range(off, off + length, half):
                self.r2t(itt, w, o, min(half, off + length - o))
            return
        self.r2t(itt, w, off, length)

    def write_done(self, itt, w):
        self.writes.pop(itt, None)
        start = w["lba"] * BLOCK
        self.t.disk[start:start + w["edtl"]] = w["buf"]
        self.scsi_rsp(itt, 0)
        self.done(itt)

    def data_out(self, bhs, data):
        itt, ttt = struct.unpack(">II", bhs[16:24])
        off = struct.unpack(">I", bhs[40:44])[0]
        final = bool(bhs[1] & 0x80)
        w = self.writes.get(itt)
        if w is None and self.t.hostile_conn is self and self.case in (
                "r2t_flood", "r2t_too_many", "r2t_bad_r2tsn"):
            # Answers to the R2Ts we should not have sent: the case judges
            # whether the connection failed, not these.
            say("late Data-Out for ITT 0x%x (offset %d)" % (itt, off))
            return
        if w is None:
            if itt in self.done_itts:
                say("VIOLATION: Data-Out (offset %d, %d bytes) for ITT 0x%x "
                    "after its SCSI Response" % (off, len(data), itt))
            else:
                say("VIOLATION: Data-Out for unknown ITT 0x%x" % itt)
            return
        if ttt != RESERVED and ttt != w["ttt"]:
            say("stale Data-Out TTT 0x%x for ITT 0x%x" % (ttt, itt))
        if off + len(data) > w["edtl"]:
            say("VIOLATION: Data-Out past the transfer length of ITT 0x%x"
                % itt)
            return
        w["buf"][off:off + len(data)] = data
        w["got"] = max(w["got"], off + len(data))
        if not final:
            return
        c = w["c"]
        if ttt == RESERVED:
            if w["got"] >= w["unsol"]:
                self.next_burst(itt, w, c)
        elif w["got"] >= w["want_end"] or w["got"] >= w["edtl"]:
            self.next_burst(itt, w, c)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--addr", default="127.0.0.9")
    ap.add_argument("--port", type=int, default=3260)
    ap.add_argument("--iqn", default="iqn.2026-12.org.iscsi-mcs:hostile")
    ap.add_argument("--case", default="none")
    ap.add_argument("--size-mb", type=int, default=32)
    ap.add_argument("--digests", action="store_true",
                    help="choose CRC32C digests when the initiator offers")
    args = ap.parse_args()
    t = Target(args)
    ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((args.addr, args.port))
    ls.listen(16)
    say("listening on %s:%d case %s" % (args.addr, args.port, args.case))
    while True:
        s, peer = ls.accept()
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if args.case in ("nop_flood", "r2t_flood", "reject_flood"):
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        c = Conn(t, s, peer)
        threading.Thread(target=c.run, daemon=True).start()


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        os._exit(0)
