/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sessions and connections as the kernel's iSCSI transport class sees
 * them, so sysfs, udev and iscsiadm find them where they look.
 */
#ifndef MCS_TRANSPORT_H
#define MCS_TRANSPORT_H

struct mcs_conn;
struct mcs_session;
struct scsi_transport_template;

/* Sorts after every name open-iscsi knows: see transport.c. */
#define MCS_TRANSPORT_NAME	"tcp_mcs"

extern struct scsi_transport_template *mcs_transportt;

int mcs_transport_init(void);
void mcs_transport_uninit(void);

int mcs_transport_add_session(struct mcs_session *sess);
void mcs_transport_remove_session(struct mcs_session *sess);
void mcs_transport_free_session(struct mcs_session *sess);
int mcs_transport_add_conn(struct mcs_conn *conn);
void mcs_transport_remove_conn(struct mcs_conn *conn);
void mcs_transport_conn_failed(struct mcs_conn *conn);
void mcs_transport_block_session(struct mcs_session *sess);
void mcs_transport_unblock_session(struct mcs_session *sess);
void mcs_transport_rescan(struct mcs_session *sess);

#endif /* MCS_TRANSPORT_H */
