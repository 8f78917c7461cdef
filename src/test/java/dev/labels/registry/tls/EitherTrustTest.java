package dev.labels.registry.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.Socket;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;

class EitherTrustTest {
    private static final X509Certificate[] CHAIN = {new HeldCertificate.Builder().build().certificate()};

    /** Accepts or refuses every chain, and writes down each check it was asked, with its connection. */
    private static final class Judge extends X509ExtendedTrustManager {
        final boolean accepts;
        final X509Certificate[] issuers;
        final List<String> asked = new ArrayList<>();
        /** Whether a refusal says that no path to a CA was found, as the JDK's does when no CA fits. */
        boolean findsNoPath = true;

        Judge(boolean accepts, X509Certificate... issuers) {
            this.accepts = accepts;
            this.issuers = issuers;
        }

        private void judge(String what) throws CertificateException {
            asked.add(what);
            if (!accepts) {
                throw new CertificateException("refused by " + this,
                        findsNoPath ? new CertPathBuilderException("no path") : new CertificateExpiredException());
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            judge("server/socket " + (socket != null));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            judge("server/engine");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            judge("server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            judge("client/socket");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            judge("client/engine");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            judge("client");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return issuers;
        }
    }

    @Test
    void aChainTheUsersCasTrustIsTrustedWithoutAskingTheJvmsStore() throws Exception {
        Judge own = new Judge(true);
        Judge platform = new Judge(true);
        new EitherTrust(own, platform).checkServerTrusted(CHAIN, "RSA", new Socket());
        assertEquals(List.of("server/socket true"), own.asked);
        assertEquals(List.of(), platform.asked);
    }

    @Test
    void aChainOnlyTheJvmsStoreTrustsIsTrustedWithTheSameConnection() throws Exception {
        Judge own = new Judge(false);
        Judge platform = new Judge(true);
        new EitherTrust(own, platform).checkServerTrusted(CHAIN, "RSA", new Socket());
        assertEquals(List.of("server/socket true"), own.asked);
        assertEquals(List.of("server/socket true"), platform.asked);
    }

    @Test
    void aChainTheUsersCasFindButRefuseIsRefusedForTheirReason() {
        Judge own = new Judge(false);
        own.findsNoPath = false;
        Judge platform = new Judge(false);
        CertificateException refused = assertThrows(CertificateException.class,
                () -> new EitherTrust(own, platform).checkServerTrusted(CHAIN, "RSA"));
        assertEquals("refused by " + own, refused.getMessage());
        assertEquals("refused by " + platform, refused.getSuppressed()[0].getMessage());
    }

    @Test
    void aChainNeitherTrustsIsRefusedWithBothReasons() {
        Judge own = new Judge(false);
        Judge platform = new Judge(false);
        CertificateException refused = assertThrows(CertificateException.class,
                () -> new EitherTrust(own, platform).checkServerTrusted(CHAIN, "RSA", (SSLEngine) null));
        assertEquals("refused by " + platform, refused.getMessage());
        assertEquals("refused by " + own, refused.getSuppressed()[0].getMessage());
        assertEquals(List.of("server/engine"), platform.asked);
    }

    @Test
    void everyKindOfCheckGoesToTheSameKindOfCheckOfEach() throws Exception {
        Judge own = new Judge(false);
        Judge platform = new Judge(true);
        EitherTrust either = new EitherTrust(own, platform);
        either.checkServerTrusted(CHAIN, "RSA");
        either.checkServerTrusted(CHAIN, "RSA", (SSLEngine) null);
        either.checkClientTrusted(CHAIN, "RSA");
        either.checkClientTrusted(CHAIN, "RSA", (Socket) null);
        either.checkClientTrusted(CHAIN, "RSA", (SSLEngine) null);
        List<String> kinds = List.of("server", "server/engine", "client", "client/socket", "client/engine");
        assertEquals(kinds, own.asked);
        assertEquals(kinds, platform.asked);
    }

    @Test
    void theAcceptedIssuersAreBothSets() {
        X509Certificate ours = new HeldCertificate.Builder().build().certificate();
        X509Certificate theirs = new HeldCertificate.Builder().build().certificate();
        X509Certificate[] all = new EitherTrust(new Judge(true, ours), new Judge(true, theirs)).getAcceptedIssuers();
        assertArrayEquals(new X509Certificate[] {ours, theirs}, all);
        assertSame(ours, all[0]);
    }
}
