package io.drainboard.sim.livekit;

/**
 * The part of a token's {@code video} claim that the modelled RPCs check
 * ([PROTO] auth/grants.go L163–180).
 */
record VideoGrants(boolean roomList, boolean roomAdmin, String room, boolean roomCreate) {

    /** No token, or a token without a video claim: every check fails. */
    static final VideoGrants NONE = new VideoGrants(false, false, "", false);

    VideoGrants(boolean roomList, boolean roomAdmin, String room) {
        this(roomList, roomAdmin, room, false);
    }

    VideoGrants {
        room = room == null ? "" : room;
    }

    /** {@code EnsureListPermission} ([SRV] pkg/service/auth.go L205–211). */
    boolean mayList() {
        return roomList;
    }

    /** {@code EnsureCreatePermission}: CreateRoom and DeleteRoom need roomCreate ([SRV] pkg/service/roomservice.go L136–142). */
    boolean mayCreate() {
        return roomCreate;
    }

    /** {@code EnsureAdminPermission}: roomAdmin and the exact room ([SRV] auth.go L184–195). */
    boolean mayAdminister(String requestedRoom) {
        return roomAdmin && room.equals(requestedRoom);
    }
}
