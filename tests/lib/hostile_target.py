#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""A hostile iSCSI target for the end-to-end tests (tests/e2e/hostile.sh).

It logs initiators in properly (leading and non-leading logins, so MC/S
sessions work), serves one RAM-backed LUN, and then misbehaves the way the
case named on its command line says. Cases that would break the disk's
first scan stay quiet until the target gets SIGUSR1 ("armed").

    hostile_target.py ADDRESS CASE [SIZE_MB]

It prints "hostile: listening on ADDRESS:3260" once it accepts.
"""

import signal
import socket
import struct
import sys
import threading
import time

PORT = 3260
BHS = 48

# Opcodes
NOP_OUT, SCSI_CMD, TMF_REQ, LOGIN_REQ, TEXT_REQ, DATA_OUT, LOGOUT_REQ = (
    0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06)
NOP_IN, SCSI_RSP, TMF_RSP, LOGIN_RSP, TEXT_RSP, DATA_IN, LOGOUT_RSP = (
    0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26)
R2T, ASYNC, REJECT = 0x31, 0x32, 0x3F
RESERVED = 0xFFFFFFFF


def crc32c_table():
    t = []
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        t.append(c)
    return t


CRC_T = crc32c_table()


def crc32c(data):
    c = 0xFFFFFFFF
    for b in data:
        c = CRC_T[(c ^ b) & 0xFF] ^ (c >> 8)
    return struct.pack("<I", c ^ 0xFFFFFFFF)


def pad4(n):
    return (4 - n % 4) % 4


class Session:
    """What the connections of one session share."""

    def __init__(self, tsih):
        self.tsih = tsih
        self.exp_cmdsn = 0
        self.lock = threading.Lock()


class Target:
    def __init__(self, addr, case, size_mb):
        self.addr = addr
        self.case = case
        self.disk = bytearray(size_mb << 20)
        self.blocks = len(self.disk) // 512
        self.armed = False
        self.sessions = {}
        self.next_tsih = 1
        self.lock = threading.Lock()
        self.fired = 0

    def arm(self, *_):
        self.armed = True

    def trigger(self):
        """True once per armed case (the first qualifying PDU)."""
        with self.lock:
            if not self.armed or self.fired:
                return False
            self.fired += 1
            return True


class Conn:
    def __init__(self, tgt, sock):
        self.t = tgt
        self.s = sock
        self.sess = None
        self.statsn = 1
        self.hd = False
        self.dd = False
        self.mrdsl = 8192     # what the initiator receives at most
        self.mbl = 262144
        self.writes = {}      # ITT -> [lba, left, buf, edtl]
        self.ttt = 1
        self.send_lock = threading.Lock()

    # --- wire ---
    def recv_exact(self, n):
        buf = b""
        while len(buf) < n:
            chunk = self.s.recv(n - len(buf))
            if not chunk:
                raise EOFError
            buf += chunk
        return buf

    def recv_pdu(self):
        hdr = self.recv_exact(BHS)
        ahs = hdr[4] * 4
        dlen = int.from_bytes(hdr[5:8], "big")
        rest = ahs + (4 if self.hd else 0)
        if rest:
            self.recv_exact(rest)
        data = b""
        if dlen:
            data = self.recv_exact(dlen + pad4(dlen))[:dlen]
            if self.dd:
                self.recv_exact(4)
        return hdr, data

    def send(self, hdr, data=b"", hd_ok=True, dd_ok=True, raw=False):
        hdr = bytearray(hdr)
        if not raw:
            hdr[5:8] = len(data).to_bytes(3, "big")
        out = bytes(hdr)
        if self.hd:
            dg = crc32c(hdr)
            out += dg if hd_ok else bytes(b ^ 0xFF for b in dg)
        if data:
            padded = data + b"\0" * pad4(len(data))
            out += padded
            if self.dd:
                dg = crc32c(padded)
                out += dg if dd_ok else bytes(b ^ 0xFF for b in dg)
        with self.send_lock:
            if self.t.case == "slowloris_login" and self.sess is None:
                for i in range(len(out)):
                    self.s.sendall(out[i:i + 1])
                    time.sleep(0.5)
            else:
                self.s.sendall(out)

    def hdr(self, opcode, flags, itt, ttt=RESERVED, statsn=None, lun=b"\0" * 8):
        """A target BHS with StatSN, ExpCmdSN and MaxCmdSN filled in."""
        h = bytearray(BHS)
        h[0] = opcode
        h[1] = flags
        h[8:16] = lun
        struct.pack_into(">II", h, 16, itt, ttt)
        sess = self.sess
        exp = sess.exp_cmdsn if sess else 0
        struct.pack_into(">III", h, 24,
                         self.statsn if statsn is None else statsn,
                         exp, (exp + 31) & 0xFFFFFFFF)
        return h

    # --- login ---
    def login(self, hdr, data):
        case = self.t.case
        flags = hdr[1]
        csg, nsg = (flags >> 2) & 3, flags & 3
        transit = bool(flags & 0x80)
        isid = hdr[8:14]
        tsih = struct.unpack(">H", hdr[14:16])[0]
        itt = struct.unpack(">I", hdr[16:20])[0]
        cmdsn = struct.unpack(">I", hdr[24:28])[0]
        keys = []
        for kv in data.split(b"\0"):
            if b"=" in kv:
                k, v = kv.split(b"=", 1)
                keys.append((k.decode(), v.decode()))
        offered = dict(keys)
        if offered.get("SessionType") == "Discovery":
            self.discovery = True
        if case == "login_silence":
            time.sleep(3600)
        out = []
        for k, v in keys:
            if k in ("InitiatorName", "InitiatorAlias", "TargetName",
                     "SessionType"):
                continue
            if k == "AuthMethod":
                v = "None"
            elif k in ("HeaderDigest", "DataDigest"):
                v = v.split(",")[0]
                if k == "HeaderDigest":
                    self.hd_next = v == "CRC32C"
                else:
                    self.dd_next = v == "CRC32C"
            elif k == "ImmediateData":
                v = "No"
            elif k == "InitialR2T":
                v = "Yes"
            elif k == "MaxRecvDataSegmentLength":
                # Theirs bounds our Data-In; ours (declared) their Data-Out.
                self.mrdsl = int(v)
                v = "4096"
            elif k == "MaxBurstLength":
                self.mbl = int(v)
            elif k == "MaxOutstandingR2T":
                v = "1"
            else:
                v = v.split(",")[0]
            out.append(f"{k}={v}")
        if csg == 0 and "TargetPortalGroupTag" not in offered:
            out.append("TargetPortalGroupTag=1")
        text = "".join(x + "\0" for x in out).encode()
        if case == "text_no_nul" and text:
            text = text[:-1]
        final = transit and nsg == 3
        if final:
            with self.t.lock:
                if tsih == 0:
                    tsih = self.t.next_tsih
                    self.t.next_tsih += 1
                    self.t.sessions[tsih] = Session(tsih)
                self.sess = self.t.sessions.get(tsih) or Session(tsih)
            if self.sess.exp_cmdsn == 0:
                self.sess.exp_cmdsn = cmdsn
        h = bytearray(BHS)
        h[0] = LOGIN_RSP
        h[1] = (0x80 if transit else 0) | (csg << 2) | (nsg if transit else 0)
        h[3] = 0
        h[8:14] = isid
        rsp_tsih = tsih if final else struct.unpack(">H", hdr[14:16])[0]
        nonleading = struct.unpack(">H", hdr[14:16])[0] != 0
        if final and nonleading and case == "login_tsih_zero":
            rsp_tsih = 0
        if final and nonleading and case == "login_tsih_change":
            rsp_tsih = (tsih + 7) & 0xFFFF
        if case == "login_version":
            h[3] = 5
        if case == "login_wrong_stage":
            h[1] = ((csg + 1) & 3) << 2   # another stage, no transit
        struct.pack_into(">H", h, 14, rsp_tsih)
        struct.pack_into(">I", h, 16, itt)
        exp = self.sess.exp_cmdsn if self.sess else cmdsn
        struct.pack_into(">III", h, 24, self.statsn, exp, exp + 31)
        self.statsn += 1
        if case == "login_cont_forever":
            h[1] = 0x40 | (csg << 2)
            while True:
                self.send(h, b"X-a=b")
                self.recv_pdu()
        self.send(h, text)
        if final:
            self.hd = getattr(self, "hd_next", False)
            self.dd = getattr(self, "dd_next", False)
            return True
        return False

    # --- discovery ---
    def text(self, hdr, data):
        itt = struct.unpack(">I", hdr[16:20])[0]
        cmdsn = struct.unpack(">I", hdr[24:28])[0]
        # A Text Request takes a CmdSN: keep the window open.
        if not hdr[0] & 0x40 and self.sess:
            self.sess.exp_cmdsn = (cmdsn + 1) & 0xFFFFFFFF
        case = self.t.case
        if case == "sendtargets_cont_forever":
            while True:
                h = self.hdr(TEXT_RSP, 0x40, itt, ttt=0x77)
                self.statsn += 1
                self.send(h, b"TargetName=iqn.2026-12.org.hostile:")
                nxt, _ = self.recv_pdu()
                self.sess.exp_cmdsn = (struct.unpack(">I", nxt[24:28])[0] + 1) & 0xFFFFFFFF
        if case == "sendtargets_huge":
            name = b"TargetName=iqn.2026-12.org.hostile:%06d\0TargetAddress=127.0.0.9:3260,1\0"
            blob = b"".join(name % i for i in range(4000))
            off = 0
            while off < len(blob):
                chunk = blob[off:off + 8192]
                off += len(chunk)
                last = off >= len(blob)
                h = self.hdr(TEXT_RSP, 0x80 if last else 0x40, itt,
                             ttt=RESERVED if last else 0x77)
                self.statsn += 1
                self.send(h, chunk)
                if not last:
                    self.recv_pdu()
            return
        body = ("TargetName=iqn.2026-12.org.hostile:lun\0TargetAddress=%s:3260,1\0"
                % self.t.addr).encode()
        h = self.hdr(TEXT_RSP, 0x80, itt)
        self.statsn += 1
        self.send(h, body)

    # --- SCSI ---
    def status(self, itt, status=0, sense=b"", resid=0, under=False):
        h = self.hdr(SCSI_RSP, 0x80 | (0x02 if under else 0), itt)
        h[3] = status
        struct.pack_into(">I", h, 44, resid)
        self.statsn += 1
        data = struct.pack(">H", len(sense)) + sense if sense else b""
        self.send(h, data)

    def check(self, itt, key=5, asc=0x20):
        sense = bytes([0x70, 0, key, 0, 0, 0, 0, 10, 0, 0, 0, 0, asc, 0, 0, 0, 0, 0])
        self.status(itt, 2, sense)

    def data_in(self, itt, buf, edtl, lun):
        """Data-In with status in the last PDU; misbehaves when armed."""
        case = self.t.case
        buf = buf[:edtl]
        if case == "datain_after_rsp" and self.t.trigger():
            self.status(itt)
            self.send_data_in(itt, buf, 0, lun, last_status=False)
            return
        if case == "datain_past_buffer" and self.t.trigger():
            self.send_data_in(itt, buf, edtl, lun, last_status=True)
            return
        if case == "datain_bad_offset" and self.t.trigger():
            self.send_data_in(itt, buf, 0xFFFFF000, lun, last_status=True)
            return
        if case == "unknown_itt" and self.t.trigger():
            self.status(0x00345678)
        self.send_data_in(itt, buf, 0, lun, last_status=True)

    def send_data_in(self, itt, buf, base, lun, last_status):
        off = 0
        datasn = 0
        while True:
            chunk = buf[off:off + self.mrdsl]
            last = off + len(chunk) >= len(buf)
            flags = (0x81 if last and last_status else 0x80 if last else 0)
            h = self.hdr(DATA_IN, flags, itt, lun=lun,
                         statsn=self.statsn if last and last_status else 0)
            struct.pack_into(">II", h, 36, datasn, (base + off) & 0xFFFFFFFF)
            if last and last_status:
                self.statsn += 1
            self.send(h, chunk)
            datasn += 1
            off += len(chunk)
            if last:
                return

    def scsi(self, hdr, data):
        case = self.t.case
        itt = struct.unpack(">I", hdr[16:20])[0]
        edtl = struct.unpack(">I", hdr[20:24])[0]
        cmdsn = struct.unpack(">I", hdr[24:28])[0]
        lun = hdr[8:16]
        cdb = hdr[32:48]
        if not hdr[0] & 0x40:
            with self.sess.lock:
                if cmdsn == self.sess.exp_cmdsn:
                    self.sess.exp_cmdsn = (cmdsn + 1) & 0xFFFFFFFF
        op = cdb[0]
        if case == "reject_cmd" and op in (0x28, 0x88) and self.t.trigger():
            h = self.hdr(REJECT, 0x80, RESERVED)
            h[2] = 0x09
            self.statsn += 1
            self.send(h, bytes(hdr))
            return
        if op == 0x00 or op == 0x35 or op == 0x91:
            self.status(itt)
        elif op == 0x12:
            inq = bytearray(96)
            inq[2], inq[3], inq[4] = 6, 2, 91
            inq[8:16] = b"HOSTILE "
            inq[16:32] = b"iscsi-mcs tests "
            inq[32:36] = b"0001"
            if cdb[1] & 1:
                inq = bytearray(4) + b""
                inq[1] = cdb[2]
            self.data_in(itt, bytes(inq), edtl, lun)
        elif op == 0x25:
            self.data_in(itt, struct.pack(">II", self.t.blocks - 1, 512), edtl, lun)
        elif op == 0x9E:
            self.data_in(itt, struct.pack(">QI", self.t.blocks - 1, 512) + bytes(20),
                         edtl, lun)
        elif op == 0xA0:
            self.data_in(itt, struct.pack(">II", 8, 0) + bytes(8), edtl, lun)
        elif op in (0x1A, 0x5A):
            self.data_in(itt, bytes([3, 0, 0, 0]) if op == 0x1A else bytes(8),
                         edtl, lun)
        elif op in (0x28, 0x88):
            lba = (struct.unpack(">I", cdb[2:6])[0] if op == 0x28
                   else struct.unpack(">Q", cdb[2:10])[0])
            self.data_in(itt, bytes(self.t.disk[lba * 512:lba * 512 + edtl]),
                         edtl, lun)
        elif op in (0x2A, 0x8A):
            lba = (struct.unpack(">I", cdb[2:6])[0] if op == 0x2A
                   else struct.unpack(">Q", cdb[2:10])[0])
            self.write(itt, lun, lba, edtl)
        else:
            self.check(itt)

    def r2t(self, itt, lun, off, length, r2tsn):
        h = self.hdr(R2T, 0x80, itt, ttt=self.ttt, lun=lun, statsn=self.statsn)
        self.ttt += 1
        struct.pack_into(">III", h, 36, r2tsn, off, length)
        self.send(h)

    def write(self, itt, lun, lba, edtl):
        case = self.t.case
        self.writes[itt] = [lba, edtl, bytearray(edtl), edtl, 0, lun]
        if case == "r2t_then_rsp" and self.t.trigger():
            self.r2t(itt, lun, 0, min(edtl, self.mbl), 0)
            self.status(itt)
            self.writes.pop(itt)
            return
        if case == "r2t_past_transfer" and self.t.trigger():
            self.r2t(itt, lun, edtl - 512, 4096, 0)
            return
        if case == "r2t_bad_r2tsn" and self.t.trigger():
            self.r2t(itt, lun, 0, min(edtl, self.mbl), 5)
            return
        if case == "r2t_too_many" and self.t.trigger():
            # Stop reading: what we asked for piles up at the initiator.
            for i in range(64):
                self.r2t(itt, lun, 0, min(edtl, self.mbl), i)
            time.sleep(30)
            return
        self.next_r2t(itt)

    def next_r2t(self, itt):
        w = self.writes[itt]
        lba, left, buf, edtl, r2tsn, lun = w
        sent = edtl - left
        length = min(left, self.mbl)
        w[4] += 1
        self.r2t(itt, lun, sent, length, r2tsn)

    def data_out(self, hdr, data):
        itt = struct.unpack(">I", hdr[16:20])[0]
        off = struct.unpack(">I", hdr[40:44])[0]
        w = self.writes.get(itt)
        if w is None:
            return
        lba, left, buf, edtl, r2tsn, lun = w
        buf[off:off + len(data)] = data
        w[1] -= len(data)
        if self.t.case == "rsp_during_burst" and self.t.trigger():
            self.status(itt)
            self.writes.pop(itt)
            return
        if not hdr[1] & 0x80:
            return
        if w[1] <= 0:
            self.t.disk[lba * 512:lba * 512 + edtl] = buf
            self.writes.pop(itt)
            self.status(itt)
        else:
            self.next_r2t(itt)

    # --- full feature phase misbehaviour not tied to a command ---
    def background(self):
        case = self.t.case
        while not self.t.armed:
            time.sleep(0.05)
        if case == "nop_flood":
            data = b"p" * 4096
            for i in range(20000):
                h = self.hdr(NOP_IN, 0x80, RESERVED, ttt=0x100 + i)
                self.send(h, data)
        elif case in ("logout_rsp_stray",):
            h = self.hdr(LOGOUT_RSP, 0x80, 0x80000777)
            self.statsn += 1
            self.send(h)
        elif case == "expcmdsn_far":
            h = self.hdr(NOP_IN, 0x80, RESERVED)
            exp = (self.sess.exp_cmdsn + (1 << 30)) & 0xFFFFFFFF
            struct.pack_into(">II", h, 28, exp, exp + 31)
            self.send(h)
        elif case == "statsn_jump":
            h = self.hdr(NOP_IN, 0x80, RESERVED, statsn=self.statsn + (1 << 31))
            self.send(h)
        elif case == "unknown_opcode":
            h = self.hdr(0x3C, 0x80, RESERVED)
            self.send(h)
        elif case == "dsl_over_max":
            h = self.hdr(NOP_IN, 0x80, RESERVED)
            h[5:8] = (0xFFFFF0).to_bytes(3, "big")
            self.send(h, raw=True)
        elif case == "ahs_past_pdu":
            h = self.hdr(NOP_IN, 0x80, RESERVED)
            h[4] = 1
            self.send(h + bytes([0, 200, 0x40, 0]), raw=True)
        elif case == "hdr_digest_bad":
            h = self.hdr(NOP_IN, 0x80, RESERVED)
            self.send(h, hd_ok=False)
        elif case == "data_digest_bad":
            h = self.hdr(NOP_IN, 0x80, RESERVED, ttt=0x55)
            self.send(h, b"ping", dd_ok=False)
        elif case == "reject_flood":
            for _ in range(3000):
                h = self.hdr(REJECT, 0x80, RESERVED)
                h[2] = 0x04
                self.send(h, bytes(BHS))
        elif case == "async_flood":
            for _ in range(3000):
                h = self.hdr(ASYNC, 0x80, RESERVED)
                h[36] = 255
                self.send(h)
        elif case == "silence":
            self.silent = True

    def serve(self):
        try:
            while True:
                # These lies need a target that reads nothing once armed.
                if self.t.armed and self.sess and self.t.case == "nop_flood":
                    time.sleep(0.2)
                    continue
                hdr, data = self.recv_pdu()
                op = hdr[0] & 0x3F
                if op == LOGIN_REQ:
                    if self.login(hdr, data):
                        if not getattr(self, "discovery", False):
                            threading.Thread(target=self.background,
                                             daemon=True).start()
                    continue
                if getattr(self, "silent", False):
                    continue
                if op == TEXT_REQ:
                    self.text(hdr, data)
                elif op == SCSI_CMD:
                    self.scsi(hdr, data)
                elif op == DATA_OUT:
                    self.data_out(hdr, data)
                elif op == NOP_OUT:
                    itt = struct.unpack(">I", hdr[16:20])[0]
                    if itt != RESERVED:
                        h = self.hdr(NOP_IN, 0x80, itt)
                        self.statsn += 1
                        self.send(h, data)
                elif op == TMF_REQ:
                    itt = struct.unpack(">I", hdr[16:20])[0]
                    h = self.hdr(TMF_RSP, 0x80, itt)
                    h[2] = 0
                    self.statsn += 1
                    self.send(h)
                elif op == LOGOUT_REQ:
                    itt = struct.unpack(">I", hdr[16:20])[0]
                    h = self.hdr(LOGOUT_RSP, 0x80, itt)
                    self.statsn += 1
                    self.send(h)
                    if (hdr[1] & 0x7F) == 0:
                        break
        except (EOFError, OSError):
            pass
        finally:
            try:
                self.s.close()
            except OSError:
                pass


def main():
    addr, case = sys.argv[1], sys.argv[2]
    size = int(sys.argv[3]) if len(sys.argv) > 3 else 16
    tgt = Target(addr, case, size)
    signal.signal(signal.SIGUSR1, tgt.arm)
    ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((addr, PORT))
    ls.listen(16)
    print(f"hostile: listening on {addr}:{PORT} case {case}", flush=True)
    while True:
        s, _ = ls.accept()
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        c = Conn(tgt, s)
        threading.Thread(target=c.serve, daemon=True).start()


if __name__ == "__main__":
    main()
