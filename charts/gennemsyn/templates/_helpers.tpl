{{/* Labels shared by everything a service owns. */}}
{{- define "gennemsyn.labels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/part-of: gennemsyn
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- end -}}

{{- define "gennemsyn.selector" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/* A service's settings: the defaults, overridden by its own block. */}}
{{- define "gennemsyn.settings" -}}
{{- toYaml (mergeOverwrite (deepCopy .root.Values.defaults) (deepCopy .svc)) -}}
{{- end -}}

{{/* repository/service@digest when a digest is pinned, else repository/service:tag; skaffold sets .svc.image. */}}
{{- define "gennemsyn.image" -}}
{{- $digest := get .root.Values.image.digests .name -}}
{{- $tag := .svc.tag | default .root.Values.image.tag | default .root.Chart.AppVersion -}}
{{- if .svc.image -}}
{{- .svc.image -}}
{{- else if $digest -}}
{{- printf "%s/%s@%s" .root.Values.image.repository .name $digest -}}
{{- else -}}
{{- printf "%s/%s:%s" .root.Values.image.repository .name $tag -}}
{{- end -}}
{{- end -}}

{{/* The database connection every container of a service gets (the application role's password only). */}}
{{- define "gennemsyn.dbEnv" -}}
- name: DB_HOST
  value: {{ .root.Values.database.host | quote }}
- name: DB_PORT
  value: {{ .root.Values.database.port | quote }}
{{- if .root.Values.database.tls.enabled }}
- name: DB_URL_OPTIONS
  value: "?sslmode=verify-full&sslrootcert=/etc/gennemsyn/db-ca/ca.crt"
{{- end }}
- name: DB_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ printf "%s%s" .root.Values.database.secretPrefix .name }}
      key: {{ .root.Values.database.passwordKey }}
{{- end -}}

{{/* Volumes for the CA files of PostgreSQL and RabbitMQ, when TLS with a private CA is configured. */}}
{{- define "gennemsyn.caVolumeMounts" -}}
{{- if .root.Values.database.tls.enabled }}
- name: db-ca
  mountPath: /etc/gennemsyn/db-ca
  readOnly: true
{{- end }}
{{- if .root.Values.rabbitmq.tls.caSecret }}
- name: rabbitmq-ca
  mountPath: /etc/gennemsyn/rabbitmq-ca
  readOnly: true
{{- end }}
{{- end -}}

{{- define "gennemsyn.caVolumes" -}}
{{- if .root.Values.database.tls.enabled }}
- name: db-ca
  secret:
    secretName: {{ .root.Values.database.tls.caSecret }}
    items: [{ key: {{ .root.Values.database.tls.caKey }}, path: ca.crt }]
{{- end }}
{{- if .root.Values.rabbitmq.tls.caSecret }}
- name: rabbitmq-ca
  secret:
    secretName: {{ .root.Values.rabbitmq.tls.caSecret }}
    items: [{ key: {{ .root.Values.rabbitmq.tls.caKey }}, path: ca.crt }]
{{- end }}
{{- end -}}

{{- define "gennemsyn.imagePullSecrets" -}}
{{- with .root.Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}
